package dev.evalgate.junit;

import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.AbstractTestDescriptor;

/** One rule of a suite's gate policy, in policy order: a test that fails when the rule fails the gate. */
final class RuleDescriptor extends AbstractTestDescriptor {
    static final String SEGMENT = "rule";

    private final int index;

    RuleDescriptor(UniqueId parent, int index, String ruleName) {
        super(parent.append(SEGMENT, (index + 1) + ":" + ruleName), ruleName);
        this.index = index;
    }

    /** The rule's position in the policy, which is also its check's position in the verdict. */
    int index() {
        return index;
    }

    @Override
    public Type getType() {
        return Type.TEST;
    }
}
