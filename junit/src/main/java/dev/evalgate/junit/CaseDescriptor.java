package dev.evalgate.junit;

import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.AbstractTestDescriptor;

/** One case of a suite (all its repeats): a test that passes when every repeat passes every scorer. */
final class CaseDescriptor extends AbstractTestDescriptor {
    static final String SEGMENT = "case";

    private final String caseKey;

    CaseDescriptor(UniqueId parent, String caseKey) {
        super(parent.append(SEGMENT, caseKey), caseKey);
        this.caseKey = caseKey;
    }

    String caseKey() {
        return caseKey;
    }

    @Override
    public Type getType() {
        return Type.TEST;
    }
}
