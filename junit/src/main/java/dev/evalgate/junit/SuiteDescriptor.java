package dev.evalgate.junit;

import java.nio.file.Path;

import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.AbstractTestDescriptor;
import org.junit.platform.engine.support.descriptor.FileSource;

/** One suite file: a container whose children are its cases. */
final class SuiteDescriptor extends AbstractTestDescriptor {
    static final String SEGMENT = "suite";

    private final Path suiteFile;

    SuiteDescriptor(UniqueId parent, Path suiteFile) {
        super(parent.append(SEGMENT, suiteFile.toString()), suiteFile.getFileName().toString(),
                FileSource.from(suiteFile.toFile()));
        this.suiteFile = suiteFile;
    }

    Path suiteFile() {
        return suiteFile;
    }

    @Override
    public Type getType() {
        return Type.CONTAINER;
    }

    /** Keeps a suite that failed to load from being pruned as empty: it must show up red, not vanish. */
    @Override
    public boolean mayRegisterTests() {
        return true;
    }
}
