package dev.evalgate.engine;

import org.apiguardian.api.API;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

/** The one table of process exit codes, shared by every front end and documented in the README. */
@API(status = EXPERIMENTAL, since = "0.1.0")
public enum ExitCode {
    /** The evaluation ran and the gate passed. */
    PASS(0),
    /** The evaluation ran and the gate failed: a regression or a broken policy rule. */
    GATE_FAILED(1),
    /** Usage or input error: a bad flag, a malformed corpus, bundle or suite. Nothing was evaluated. */
    INPUT_ERROR(2),
    /** The evaluation could not be carried out: model unreachable, every case errored. */
    EVALUATION_ERROR(3),
    /** A bug in evalgate. */
    INTERNAL_ERROR(4);

    private final int code;

    ExitCode(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }
}
