package dev.evalgate.judges.format.ifeval;

/** One verifiable instruction of IFEval with its arguments bound; {@link #followed} is IFEval's check_following. */
public interface Instruction {

    /** The IFEval instruction id, such as {@code punctuation:no_comma}. */
    String id();

    boolean followed(String response);
}
