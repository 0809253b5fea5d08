package dev.evalgate.cli;

import picocli.CommandLine.ArgGroup;

/** Puts the model options under their own heading in every command that calls a model. */
public final class ModelOptionsMixin {
    @ArgGroup(validate = false, heading = "%nModel options:%n")
    ModelOptions options = new ModelOptions();

    ModelOptions options() {
        return options == null ? new ModelOptions() : options;
    }
}
