package dev.switchboard.admin;

import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads a password without echo from the terminal, or the first line of standard input for scripts. The password
 * lives in a {@code char[]} that the caller wipes; it is never turned into a {@code String}, logged or sent.
 */
final class PasswordReader {
    static final int MAX_LENGTH = 1024;

    private final Console console;
    private final InputStream stdin;

    /** @param console the terminal, or {@code null} when there is none */
    PasswordReader(Console console, InputStream stdin) {
        this.console = console;
        this.stdin = stdin;
    }

    /** Thrown when no acceptable password was given; the message is one line and never holds the password. */
    static final class PasswordException extends Exception {
        PasswordException(String message) {
            super(message);
        }
    }

    /**
     * @param fromStdin read standard input even when a terminal is attached ({@code --password-stdin})
     * @param confirm   at a terminal, ask twice and require the same answer
     * @param prompt    what to ask at a terminal, such as {@code "Password for alice: "}
     * @return the password, not empty; the caller wipes it with {@code Arrays.fill(p, '\0')}
     */
    char[] read(boolean fromStdin, boolean confirm, String prompt) throws PasswordException, IOException {
        boolean terminal = console != null && console.isTerminal();
        char[] password = fromStdin || !terminal ? firstLine() : ask(prompt);
        if (password.length == 0) throw new PasswordException("empty password");
        if (confirm && !fromStdin && terminal) {
            char[] again = ask("Again: ");
            boolean same = Arrays.equals(password, again);
            Arrays.fill(again, '\0');
            if (!same) {
                Arrays.fill(password, '\0');
                throw new PasswordException("passwords do not match");
            }
        }
        return password;
    }

    private char[] ask(String prompt) throws PasswordException {
        char[] answer = console.readPassword("%s", prompt);
        if (answer == null) throw new PasswordException("no password: end of input");
        return answer;
    }

    /** The first line of stdin, without its line break; the stream is not closed (it is System.in). */
    private char[] firstLine() throws IOException, PasswordException {
        Reader in = new InputStreamReader(stdin, StandardCharsets.UTF_8);
        char[] buffer = new char[MAX_LENGTH + 1];                              // + 1: a '\r' before the '\n'
        int n = 0;
        int c;
        while ((c = in.read()) != -1 && c != '\n') {
            if (n == buffer.length) {
                Arrays.fill(buffer, '\0');
                throw new PasswordException("password longer than " + MAX_LENGTH + " characters");
            }
            buffer[n++] = (char) c;
        }
        if (c == -1 && n == 0) throw new PasswordException("no password on standard input");
        if (n > 0 && buffer[n - 1] == '\r') n--;
        if (n > MAX_LENGTH) {
            Arrays.fill(buffer, '\0');
            throw new PasswordException("password longer than " + MAX_LENGTH + " characters");
        }
        char[] password = Arrays.copyOf(buffer, n);
        Arrays.fill(buffer, '\0');
        return password;
    }
}
