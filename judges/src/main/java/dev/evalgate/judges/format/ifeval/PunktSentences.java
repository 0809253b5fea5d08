package dev.evalgate.judges.format.ifeval;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * NLTK's Punkt sentence tokenizer (Kiss and Strunk, 2006) with NLTK's pretrained English parameters, which IFEval's
 * reference uses to count sentences ({@code nltk.data.load("tokenizers/punkt/english.pickle")}).
 *
 * <p>A port of the tokenizing half of {@code nltk/tokenize/punkt.py} (NLTK 3.8, Apache-2.0, Copyright NLTK Project):
 * {@code PunktLanguageVars}, {@code PunktToken}, both annotation passes and {@code PunktSentenceTokenizer.tokenize}
 * with boundary realignment; training is not ported. The parameters (abbreviations, collocations, sentence starters,
 * orthographic contexts) are in {@code punkt-english/}, written out as text from NLTK's {@code english.pickle}; their
 * licence and source are in {@code punkt-english/NOTICE.md}. Regular expressions use Python's whitespace
 * ({@link PyText}) so the two tokenizers split the same text at the same places.
 */
final class PunktSentences {
    private static final int BEG_UC = 1 << 1;
    private static final int MID_UC = 1 << 2;
    private static final int UNK_UC = 1 << 3;
    private static final int BEG_LC = 1 << 4;
    private static final int MID_LC = 1 << 5;
    private static final int UNK_LC = 1 << 6;
    private static final int ORTHO_UC = BEG_UC + MID_UC + UNK_UC;
    private static final int ORTHO_LC = BEG_LC + MID_LC + UNK_LC;

    private static final String S = PyText.SPACE;
    private static final String NS = PyText.NON_SPACE;
    private static final String NON_WORD = "(?:[)\";}\\]*:@'({\\[?!])";
    private static final String MULTI_CHAR = "(?:-{2,}|\\.{2,}|(?:\\." + S + "){2,}\\.)";
    private static final String WORD_START = "[^(\"`{\\[:;&#*@)}\\]\\-,]";
    private static final int FLAGS = Pattern.UNIX_LINES | Pattern.UNICODE_CHARACTER_CLASS;
    private static final Pattern WORD_TOKEN = Pattern.compile(MULTI_CHAR + "|(?=" + WORD_START + ")" + NS + "+?(?="
            + S + "|$|" + NON_WORD + "|" + MULTI_CHAR + "|,(?=$|" + S + "|" + NON_WORD + "|" + MULTI_CHAR + "))|" + NS,
            FLAGS);
    private static final Pattern PERIOD_CONTEXT = Pattern.compile("[.?!](?=(?<afterTok>" + NON_WORD + "|" + S
            + "+(?<nextTok>" + NS + "+)))", FLAGS);
    private static final Pattern BOUNDARY_REALIGNMENT = Pattern.compile("[\"')\\]}]+?(?:" + S + "+|(?=--)|$)",
            FLAGS | Pattern.MULTILINE);
    private static final Pattern NUMERIC = Pattern.compile("-?[.,]?\\d[\\d,.\\-]*\\.?", FLAGS);
    private static final Pattern INITIAL = Pattern.compile("[\\p{L}\\p{Nl}\\p{No}_]\\.", FLAGS);
    private static final Pattern ELLIPSIS = Pattern.compile("\\.\\.+", FLAGS);
    private static final Set<String> SENT_END_CHARS = Set.of(".", "?", "!");
    private static final Set<String> PUNCTUATION = Set.of(";", ":", ",", ".", "!", "?");
    /** Python's {@code string.whitespace}, which Punkt uses to find the word before a candidate break. */
    private static final String ASCII_WHITESPACE = " \t\n\r\u000B\f";

    private static final Set<String> ABBREVIATIONS = new HashSet<>();
    private static final Set<String> COLLOCATIONS = new HashSet<>();
    private static final Set<String> SENTENCE_STARTERS = new HashSet<>();
    private static final Map<String, Integer> ORTHO_CONTEXT = new HashMap<>();

    static {
        lines("abbrev_types.txt", ABBREVIATIONS::add);
        lines("collocations.tab", COLLOCATIONS::add);
        lines("sent_starters.txt", SENTENCE_STARTERS::add);
        lines("ortho_context.tab", line -> {
            int tab = line.lastIndexOf('\t');
            ORTHO_CONTEXT.put(line.substring(0, tab), Integer.parseInt(line.substring(tab + 1)));
        });
    }

    private PunktSentences() {
    }

    /** The number of sentences: {@code len(tokenizer.tokenize(text))}. */
    static int count(String text) {
        return split(text).size();
    }

    /** The sentences of the text, with the punctuation that closes them. */
    static List<String> split(String text) {
        List<int[]> slices = slicesFromText(text);
        List<String> sentences = new ArrayList<>();
        int realign = 0;
        for (int i = 0; i < slices.size(); i++) {
            int start = slices.get(i)[0] + realign;
            int stop = slices.get(i)[1];
            if (i == slices.size() - 1) {
                if (!PyText.slice(text, start, stop).isEmpty()) {
                    sentences.add(PyText.slice(text, start, stop));
                }
                continue;
            }
            int[] next = slices.get(i + 1);
            Matcher m = BOUNDARY_REALIGNMENT.matcher(PyText.slice(text, next[0], next[1]));
            if (m.lookingAt()) {
                sentences.add(PyText.slice(text, start, next[0] + PyText.rstrip(m.group()).length()));
                realign = m.end();
            } else {
                realign = 0;
                if (!PyText.slice(text, start, stop).isEmpty()) {
                    sentences.add(PyText.slice(text, start, stop));
                }
            }
        }
        return sentences;
    }

    /** A candidate break: the end character, its context (word before, the character, what follows). */
    private record Candidate(int end, int nextTokenStart, String context) {
    }

    private static List<int[]> slicesFromText(String text) {
        List<int[]> slices = new ArrayList<>();
        int lastBreak = 0;
        for (Candidate candidate : candidates(text)) {
            if (containsSentenceBreak(candidate.context())) {
                slices.add(new int[] {lastBreak, candidate.end()});
                lastBreak = candidate.nextTokenStart() >= 0 ? candidate.nextTokenStart() : candidate.end();
            }
        }
        slices.add(new int[] {lastBreak, PyText.rstrip(text).length()});
        return slices;
    }

    /** {@code _match_potential_end_contexts}: overlapping candidates keep only the last of a run ("!!!"). */
    private static List<Candidate> candidates(String text) {
        List<Candidate> out = new ArrayList<>();
        int previousStart = 0;
        int previousStop = 0;
        Candidate previous = null;
        String previousMatch = null;
        Matcher m = PERIOD_CONTEXT.matcher(text);
        while (m.find()) {
            String before = PyText.slice(text, previousStop, m.start());
            int lastSpace = lastAsciiWhitespace(before);
            int wordStart = lastSpace != 0 ? lastSpace + previousStop + 1 : previousStart;
            if (previous != null && previousStop <= wordStart) {
                out.add(withContext(previous, PyText.slice(text, previousStart, previousStop) + previousMatch));
            }
            previous = new Candidate(m.end(), m.start("nextTok"), null);
            previousMatch = m.group() + m.group("afterTok");
            previousStart = wordStart;
            previousStop = m.start();
        }
        if (previous != null) {
            out.add(withContext(previous, PyText.slice(text, previousStart, previousStop) + previousMatch));
        }
        return out;
    }

    private static Candidate withContext(Candidate candidate, String context) {
        return new Candidate(candidate.end(), candidate.nextTokenStart(), context);
    }

    /** The index of the last ASCII whitespace, or 0 when there is none (Punkt does not tell index 0 apart). */
    private static int lastAsciiWhitespace(String text) {
        for (int i = text.length() - 1; i >= 0; i--) {
            if (ASCII_WHITESPACE.indexOf(text.charAt(i)) >= 0) {
                return i;
            }
        }
        return 0;
    }

    /** True when some token other than the last is annotated as a sentence break. */
    private static boolean containsSentenceBreak(String text) {
        List<Token> tokens = annotate(words(text));
        for (int i = 0; i < tokens.size() - 1; i++) {
            if (tokens.get(i).sentbreak) {
                return true;
            }
        }
        return false;
    }

    private static List<Token> words(String text) {
        List<Token> tokens = new ArrayList<>();
        for (String line : text.split("\n", -1)) {
            if (PyText.isBlank(line)) {
                continue;
            }
            Matcher m = WORD_TOKEN.matcher(line);
            while (m.find()) {
                tokens.add(new Token(m.group()));
            }
        }
        return tokens;
    }

    private static List<Token> annotate(List<Token> tokens) {
        for (Token token : tokens) {
            firstPass(token);
        }
        for (int i = 0; i + 1 < tokens.size(); i++) {
            secondPass(tokens.get(i), tokens.get(i + 1));
        }
        return tokens;
    }

    private static void firstPass(Token token) {
        String tok = token.tok;
        if (SENT_END_CHARS.contains(tok)) {
            token.sentbreak = true;
        } else if (token.isEllipsis()) {
            token.ellipsis = true;
        } else if (token.periodFinal && !tok.endsWith("..")) {
            String stem = tok.substring(0, tok.length() - 1).toLowerCase(Locale.ROOT);
            String[] parts = stem.split("-", -1);
            if (ABBREVIATIONS.contains(stem) || ABBREVIATIONS.contains(parts[parts.length - 1])) {
                token.abbr = true;
            } else {
                token.sentbreak = true;
            }
        }
    }

    private enum Starter { YES, NO, UNKNOWN }

    private static void secondPass(Token token, Token next) {
        if (!token.periodFinal) {
            return;
        }
        String type = token.typeNoPeriod();
        String nextType = next.typeNoSentperiod();
        boolean initial = token.isInitial();

        if (COLLOCATIONS.contains(type + "\t" + nextType)) {
            token.sentbreak = false;
            token.abbr = true;
            return;
        }
        if ((token.abbr || token.ellipsis) && !initial) {
            Starter starter = orthoHeuristic(next);
            if (starter == Starter.YES) {
                token.sentbreak = true;
                return;
            }
            if (next.firstUpper() && SENTENCE_STARTERS.contains(nextType)) {
                token.sentbreak = true;
                return;
            }
        }
        if (initial || type.equals("##number##")) {
            Starter starter = orthoHeuristic(next);
            if (starter == Starter.NO) {
                token.sentbreak = false;
                token.abbr = true;
                return;
            }
            if (starter == Starter.UNKNOWN && initial && next.firstUpper()
                    && (ORTHO_CONTEXT.getOrDefault(nextType, 0) & ORTHO_LC) == 0) {
                token.sentbreak = false;
                token.abbr = true;
            }
        }
    }

    private static Starter orthoHeuristic(Token token) {
        if (PUNCTUATION.contains(token.tok)) {
            return Starter.NO;
        }
        int context = ORTHO_CONTEXT.getOrDefault(token.typeNoSentperiod(), 0);
        if (token.firstUpper() && (context & ORTHO_LC) != 0 && (context & MID_UC) == 0) {
            return Starter.YES;
        }
        if (token.firstLower() && ((context & ORTHO_UC) != 0 || (context & BEG_LC) == 0)) {
            return Starter.NO;
        }
        return Starter.UNKNOWN;
    }

    /** {@code PunktToken}: the text, its case-folded type (numbers become {@code ##number##}) and annotations. */
    private static final class Token {
        final String tok;
        final String type;
        final boolean periodFinal;
        boolean sentbreak;
        boolean abbr;
        boolean ellipsis;

        Token(String tok) {
            this.tok = tok;
            String lower = tok.toLowerCase(Locale.ROOT);
            this.type = NUMERIC.matcher(lower).matches() ? "##number##" : lower;
            this.periodFinal = tok.endsWith(".");
        }

        String typeNoPeriod() {
            return type.length() > 1 && type.endsWith(".") ? type.substring(0, type.length() - 1) : type;
        }

        String typeNoSentperiod() {
            return sentbreak ? typeNoPeriod() : type;
        }

        boolean firstUpper() {
            return Character.isUpperCase(tok.codePointAt(0));
        }

        boolean firstLower() {
            return Character.isLowerCase(tok.codePointAt(0));
        }

        boolean isEllipsis() {
            return ELLIPSIS.matcher(tok).matches();
        }

        boolean isInitial() {
            return INITIAL.matcher(tok).matches();
        }
    }

    private static void lines(String file, Consumer<String> sink) {
        String resource = "punkt-english/" + file;
        try (InputStream in = PunktSentences.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Punkt parameters '" + resource + "' are missing from the classpath");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                sink.accept(line);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read Punkt parameters '" + resource + "'", e);
        }
    }
}
