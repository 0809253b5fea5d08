package dev.evalgate.judges.privacy;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.commons.validator.routines.CodeValidator;
import org.apache.commons.validator.routines.CreditCardValidator;
import org.apache.commons.validator.routines.EmailValidator;
import org.apache.commons.validator.routines.IBANValidator;
import org.apache.commons.validator.routines.InetAddressValidator;
import org.apache.commons.validator.routines.checkdigit.LuhnCheckDigit;

import com.google.i18n.phonenumbers.PhoneNumberMatch;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.Leniency;

/**
 * Finds personal data in a text. A regular expression only proposes candidates; each is then validated the way the
 * issuer defines it: cards by issuer prefix and Luhn, IBANs by their mod-97 checksum, phone numbers by
 * libphonenumber's metadata for the configured regions, US SSNs by the ranges the SSA never issues, UK NINOs by
 * HMRC's prefix rules, e-mail and IP addresses by Commons Validator. Values reserved for documentation
 * (example.com, 192.0.2.0/24, 555-01xx numbers are still valid numbers and are reported) and obvious non-personal
 * addresses (loopback) are not findings. Postal addresses are a heuristic (house number, capitalised street name,
 * street suffix) and will miss many real formats.
 *
 * <p>Thread-safe once built.
 */
public final class PiiDetector {
    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();
    private static final EmailValidator EMAILS = EmailValidator.getInstance(false, false);
    private static final InetAddressValidator IPS = InetAddressValidator.getInstance();
    private static final IBANValidator IBANS = IBANValidator.getInstance();
    private static final CreditCardValidator CARDS = new CreditCardValidator(new CodeValidator[] {
        CreditCardValidator.AMEX_VALIDATOR, CreditCardValidator.VISA_VALIDATOR,
        CreditCardValidator.MASTERCARD_VALIDATOR, CreditCardValidator.DISCOVER_VALIDATOR,
        CreditCardValidator.DINERS_VALIDATOR,
        new CodeValidator("^(35(?:2[89]|[3-8]\\d)\\d{12})$", LuhnCheckDigit.LUHN_CHECK_DIGIT), // JCB
        new CodeValidator("^(62\\d{14,17})$", LuhnCheckDigit.LUHN_CHECK_DIGIT)}); // UnionPay

    private static final Pattern EMAIL = Pattern.compile(
            "(?<![\\w.%+-])[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?"
            + "(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?)+");
    private static final Pattern CARD = Pattern.compile("(?<![\\d.,-])\\d(?:[ -]?\\d){11,18}(?![\\d-]|[.,]\\d)");
    private static final Pattern IBAN_START = Pattern.compile("\\b[A-Z]{2}\\d{2}(?=[ ]?[A-Z0-9]{4})");
    private static final Pattern SSN = Pattern.compile("(?<![\\d-])(\\d{3})([- ])(\\d{2})\\2(\\d{4})(?![\\d-])");
    private static final Pattern NINO = Pattern.compile(
            "\\b([A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z]) ?(\\d{2}) ?(\\d{2}) ?(\\d{2}) ?([A-D])\\b");
    private static final Set<String> NINO_NEVER_ISSUED = Set.of("BG", "GB", "NK", "KN", "TN", "NT", "ZZ");
    private static final Set<String> SSN_PUBLICISED = Set.of("078051120", "219099999", "123456789");
    private static final Pattern IPV4 = Pattern.compile("(?<![\\w.])(?:\\d{1,3}\\.){3}\\d{1,3}(?![\\w]|\\.\\d)");
    private static final Pattern IPV6 = Pattern.compile(
            "(?<![\\w:.])(?:[0-9A-Fa-f]{0,4}:){2,7}[0-9A-Fa-f]{0,4}(?![\\w:])");
    private static final Pattern VERSION_CONTEXT = Pattern.compile("(?i)(?:\\bv|\\bver\\.?|version|release|build|"
            + "firmware|release[- ]notes?|rev\\.?|\\bsdk|section|chapter|clause|§)\\s*$");
    private static final Pattern NOT_A_PHONE_CONTEXT = Pattern.compile("(?i)(?:order|invoice|ref(?:erence)?|tracking|"
            + "account|acct|sku|serial|ticket|case|po|transaction|confirmation|booking|parcel|shipment|isbn|item|"
            + "part|model|batch|lot)\\s*(?:no\\.?|number|num\\.?|id|code)?\\s*[:#]?\\s*#?\\s*$|#\\s*$");
    private static final Pattern POSTAL = Pattern.compile("\\b\\d{1,5}[A-Za-z]?\\s+(?:[NSEW]\\.?\\s+)?"
            + "(?:[A-Z][a-z]+\\s+){1,3}(?:Street|St|Avenue|Ave|Road|Rd|Boulevard|Blvd|Lane|Ln|Drive|Dr|Court|Ct|"
            + "Place|Pl|Terrace|Way|Parkway|Pkwy|Close|Crescent|Gardens|Square|Sq)\\b\\.?"
            + "(?:,?\\s+(?:Apt|Suite|Unit|Flat)\\.?\\s*#?\\w{1,6})?");

    private final Set<PiiEntity> entities;
    private final List<String> regions;
    private final Leniency leniency;

    public PiiDetector(Set<PiiEntity> entities, List<String> regions, Leniency leniency) {
        if (entities.isEmpty()) {
            throw new IllegalArgumentException("no PII entity type selected");
        }
        for (String region : regions) {
            if (!PHONES.getSupportedRegions().contains(region)) {
                throw new IllegalArgumentException("unknown phone region '" + region
                        + "'; use a two-letter ISO 3166 code such as US, GB, DE");
            }
        }
        this.entities = EnumSet.copyOf(entities);
        this.regions = List.copyOf(regions);
        this.leniency = leniency;
    }

    /** Every entity type, phone numbers in US and GB national formats (and any in international format). */
    public static PiiDetector defaults() {
        return new PiiDetector(EnumSet.allOf(PiiEntity.class), List.of("US", "GB"), Leniency.VALID);
    }

    /** Findings in order of position; where two overlap, the one found first in the order of checks wins. */
    public List<Finding> find(CharSequence text) {
        String s = text.toString();
        List<Finding> found = new ArrayList<>();
        if (entities.contains(PiiEntity.EMAIL) && s.indexOf('@') >= 0) {
            emails(s, found);
        }
        if (entities.contains(PiiEntity.CREDIT_CARD)) {
            cards(s, found);
        }
        if (entities.contains(PiiEntity.IBAN)) {
            ibans(s, found);
        }
        if (entities.contains(PiiEntity.US_SSN)) {
            ssns(s, found);
        }
        if (entities.contains(PiiEntity.UK_NINO)) {
            ninos(s, found);
        }
        if (entities.contains(PiiEntity.IP_ADDRESS)) {
            ips(s, found);
        }
        if (entities.contains(PiiEntity.PHONE)) {
            phones(s, found);
        }
        if (entities.contains(PiiEntity.POSTAL_ADDRESS)) {
            postal(s, found);
        }
        found.sort(Comparator.comparingInt(Finding::start));
        return List.copyOf(found);
    }

    private static void emails(String s, List<Finding> found) {
        Matcher m = EMAIL.matcher(s);
        while (m.find()) {
            String value = m.group();
            if (EMAILS.isValid(value) && !placeholderDomain(value.substring(value.indexOf('@') + 1))) {
                add(found, PiiEntity.EMAIL, m.start(), m.end(), value, value.toLowerCase(Locale.ROOT));
            }
        }
    }

    /** RFC 2606 and RFC 6761 names, reserved so that documentation never points at a real mailbox. */
    private static boolean placeholderDomain(String domain) {
        String d = domain.toLowerCase(Locale.ROOT);
        return d.matches("(?:.*\\.)?example\\.(?:com|net|org)") || d.endsWith(".example") || d.endsWith(".test")
                || d.endsWith(".invalid") || d.endsWith(".localhost") || d.equals("localhost");
    }

    private static void cards(String s, List<Finding> found) {
        Matcher m = CARD.matcher(s);
        while (m.find()) {
            String digits = m.group().replaceAll("[ -]", "");
            if (CARDS.isValid(digits)) {
                add(found, PiiEntity.CREDIT_CARD, m.start(), m.end(), m.group(), digits);
            }
        }
    }

    /**
     * An IBAN's length is fixed per country (15 to 34 characters), and a text may continue with letters or digits
     * after it: read up to 34 characters, allowing single spaces, and keep the longest prefix that validates.
     */
    private static void ibans(String s, List<Finding> found) {
        Matcher m = IBAN_START.matcher(s);
        while (m.find()) {
            if (IBANS.getValidator(m.group().substring(0, 2) + "00") == null) {
                continue;
            }
            StringBuilder compact = new StringBuilder(m.group());
            List<Integer> ends = new ArrayList<>();
            int i = m.end();
            while (compact.length() < 34 && i < s.length()) {
                char c = s.charAt(i);
                if (c == ' ' && i + 1 < s.length() && s.charAt(i + 1) != ' ') {
                    i++;
                    continue;
                }
                if (!(c >= 'A' && c <= 'Z' || c >= '0' && c <= '9')) {
                    break;
                }
                compact.append(c);
                ends.add(++i);
            }
            for (int len = compact.length(); len >= 15; len--) {
                int end = ends.get(len - 5);
                boolean endsWord = end >= s.length() || !Character.isLetterOrDigit(s.charAt(end));
                if (endsWord && IBANS.isValid(compact.substring(0, len))) {
                    add(found, PiiEntity.IBAN, m.start(), end, s.substring(m.start(), end), compact.substring(0, len));
                    break;
                }
            }
        }
    }

    private static void ssns(String s, List<Finding> found) {
        Matcher m = SSN.matcher(s);
        while (m.find()) {
            int area = Integer.parseInt(m.group(1));
            String digits = m.group(1) + m.group(3) + m.group(4);
            boolean issuable = area != 0 && area != 666 && area < 900 && !m.group(3).equals("00")
                    && !m.group(4).equals("0000") && !SSN_PUBLICISED.contains(digits);
            if (issuable) {
                add(found, PiiEntity.US_SSN, m.start(), m.end(), m.group(), digits);
            }
        }
    }

    private static void ninos(String s, List<Finding> found) {
        Matcher m = NINO.matcher(s);
        while (m.find()) {
            if (!NINO_NEVER_ISSUED.contains(m.group(1))) {
                add(found, PiiEntity.UK_NINO, m.start(), m.end(), m.group(), m.group().replace(" ", ""));
            }
        }
    }

    private static void ips(String s, List<Finding> found) {
        Matcher m = IPV4.matcher(s);
        while (m.find()) {
            String value = m.group();
            if (IPS.isValidInet4Address(value) && !reservedIpv4(value)
                    && !VERSION_CONTEXT.matcher(before(s, m.start(), 24)).find()) {
                add(found, PiiEntity.IP_ADDRESS, m.start(), m.end(), value, value);
            }
        }
        if (s.indexOf(':') < 0) {
            return;
        }
        m = IPV6.matcher(s);
        while (m.find()) {
            String value = m.group();
            long hexGroups = value.chars().filter(c -> c == ':').count();
            boolean plausible = value.contains("::") ? value.replace(":", "").length() >= 4 : hexGroups == 7;
            if (plausible && IPS.isValidInet6Address(value) && !value.equals("::1")
                    && !value.toLowerCase(Locale.ROOT).startsWith("2001:db8:")) {
                add(found, PiiEntity.IP_ADDRESS, m.start(), m.end(), value, value.toLowerCase(Locale.ROOT));
            }
        }
    }

    /** Unspecified, loopback, broadcast and the three documentation blocks (RFC 5737) identify nobody. */
    private static boolean reservedIpv4(String ip) {
        return ip.startsWith("0.") || ip.startsWith("127.") || ip.equals("255.255.255.255")
                || ip.startsWith("192.0.2.") || ip.startsWith("198.51.100.") || ip.startsWith("203.0.113.");
    }

    private void phones(String s, List<Finding> found) {
        int digits = 0;
        for (int i = 0; i < s.length() && digits < 7; i++) {
            digits += Character.isDigit(s.charAt(i)) ? 1 : 0;
        }
        if (digits < 7) {
            return;
        }
        for (String region : regions) {
            for (PhoneNumberMatch match : PHONES.findNumbers(s, region, leniency, Long.MAX_VALUE)) {
                if (NOT_A_PHONE_CONTEXT.matcher(before(s, match.start(), 32)).find()) {
                    continue;
                }
                String e164 = PHONES.format(match.number(), PhoneNumberUtil.PhoneNumberFormat.E164);
                add(found, PiiEntity.PHONE, match.start(), match.end(), match.rawString(), e164);
            }
        }
    }

    private static void postal(String s, List<Finding> found) {
        Matcher m = POSTAL.matcher(s);
        while (m.find()) {
            add(found, PiiEntity.POSTAL_ADDRESS, m.start(), m.end(), m.group(),
                    m.group().toLowerCase(Locale.ROOT).replaceAll("\\s+", " "));
        }
    }

    private static String before(String s, int start, int max) {
        return s.substring(Math.max(0, start - max), start);
    }

    private static void add(List<Finding> found, PiiEntity entity, int start, int end, String value,
            String normalized) {
        Finding finding = new Finding(Finding.PII, entity.id(), start, end, value, normalized);
        for (Finding earlier : found) {
            if (earlier.overlaps(finding)) {
                return;
            }
        }
        found.add(finding);
    }
}
