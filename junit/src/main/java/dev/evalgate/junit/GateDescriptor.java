package dev.evalgate.junit;

import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.AbstractTestDescriptor;

/** A suite's gate: a container with one test per rule of its policy, the same verdict {@code evalgate run} gives. */
final class GateDescriptor extends AbstractTestDescriptor {
    static final String SEGMENT = "gate";

    GateDescriptor(UniqueId parent) {
        super(parent.append(SEGMENT, "gate"), "gate");
    }

    @Override
    public Type getType() {
        return Type.CONTAINER;
    }
}
