package io.littlehub.agent.ops;

import java.util.List;

/** One change an operation wants made. Actions are data: a plan is a list of them, compared as-is in tests. */
public sealed interface Action {
    /** A short line for the report, e.g. "apt-get install python3-venv". Never contains a secret. */
    String describe();

    /** Run a program (argument list); its output lines are streamed as progress. */
    record Run(String describe, List<String> argv) implements Action {
        public Run(List<String> argv) {
            this(String.join(" ", argv), argv);
        }
    }

    /** Write a file atomically. {@code secret}: its content never appears in a diff, event or log. */
    record WriteFile(String path, String content, String owner, String group, int mode, boolean secret)
            implements Action {
        @Override
        public String describe() {
            return "write " + path + " (" + owner + ":" + group + " " + Integer.toOctalString(mode) + ")";
        }

        @Override
        public String toString() {
            return "WriteFile[" + path + ", " + (secret ? "<secret>" : content.length() + " chars") + ", " + owner + ":"
                    + group + " " + Integer.toOctalString(mode) + "]";
        }
    }

    record MakeDirectory(String path, String owner, String group, int mode) implements Action {
        @Override
        public String describe() {
            return "mkdir " + path + " (" + owner + ":" + group + " " + Integer.toOctalString(mode) + ")";
        }
    }

    record SetAttributes(String path, String owner, String group, int mode) implements Action {
        @Override
        public String describe() {
            return "chown/chmod " + path + " (" + owner + ":" + group + " " + Integer.toOctalString(mode) + ")";
        }
    }

    /** The desired state cannot be reached by acting (a failed check): the task fails with this message. */
    record Fail(String describe) implements Action {}
}
