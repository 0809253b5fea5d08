package dev.evalgate.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.apiguardian.api.API;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

/**
 * A message of the engine that points to settings, kept as text and {@link Setting} references so that each front
 * end words the settings its own way. Build it as it reads:
 * {@code Advice.text("choose another ").then(Setting.OUTPUT_DIRECTORY)}; render it with {@link #render(Wording)}.
 * {@link #toString()} uses the engine's own {@link Wording#ENGINE}.
 *
 * @param parts the text and the references, in reading order
 */
@API(status = EXPERIMENTAL, since = "0.1.0")
public record Advice(List<Part> parts) {
    public Advice {
        parts = List.copyOf(parts);
    }

    /** Plain text or a setting reference. */
    public sealed interface Part permits Text, Reference {
    }

    /** Words that are the same in every front end. */
    public record Text(String text) implements Part {
        public Text {
            Objects.requireNonNull(text, "text");
        }
    }

    /** A setting, with the value the advice is about (a run directory, a baseline name) or null. */
    public record Reference(Setting setting, String value) implements Part {
        public Reference {
            Objects.requireNonNull(setting, "setting");
        }
    }

    public static Advice text(String text) {
        return new Advice(List.of(new Text(text == null ? "" : text)));
    }

    public Advice then(String text) {
        return with(new Text(text));
    }

    /** Appends another piece of advice. */
    public Advice then(Advice more) {
        List<Part> all = new ArrayList<>(parts);
        all.addAll(more.parts());
        return new Advice(all);
    }

    public Advice then(Setting setting) {
        return with(new Reference(setting, null));
    }

    public Advice then(Setting setting, Object value) {
        return with(new Reference(setting, value == null ? null : value.toString()));
    }

    /** Whether the advice points to this setting. */
    public boolean mentions(Setting setting) {
        return parts.stream().anyMatch(p -> p instanceof Reference r && r.setting() == setting);
    }

    public String render(Wording wording) {
        StringBuilder out = new StringBuilder();
        for (Part part : parts) {
            if (part instanceof Text t) {
                out.append(t.text());
            } else if (part instanceof Reference r) {
                out.append(wording.of(r.setting(), r.value()));
            }
        }
        return out.toString();
    }

    @Override
    public String toString() {
        return render(Wording.ENGINE);
    }

    private Advice with(Part part) {
        List<Part> more = new ArrayList<>(parts);
        more.add(part);
        return new Advice(more);
    }
}
