package dev.switchboard.admin;

import java.io.IOException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.Callable;

import dev.switchboard.protocol.scram.ScramVerifier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "scram", description = {"Make a SCRAM-SHA-256 verifier for a user's password in switchboard.yml.",
        "Asks for the password twice without echo; prints the verifier (PostgreSQL's form). Needs no server."})
final class ScramCommand implements Callable<Integer> {
    static final int SALT_BYTES = 16;
    static final int DEFAULT_ITERATIONS = 4096;
    private static final SecureRandom RANDOM = new SecureRandom();

    @ParentCommand Sbctl root;
    @Spec CommandSpec spec;
    @Option(names = "--password-stdin", description = "Read the password from the first line of standard input.")
    boolean passwordStdin;
    @Option(names = "--iterations", paramLabel = "N", description = "PBKDF2 iterations (default 4096, as PostgreSQL).")
    int iterations = DEFAULT_ITERATIONS;

    @Override
    public Integer call() throws IOException, PasswordReader.PasswordException {
        if (iterations < 1 || iterations > 10_000_000) {
            throw new ParameterException(spec.commandLine(), "--iterations must be in [1, 10000000]");
        }
        String verifier = verifier(root.passwords(), passwordStdin, "Password: ", iterations);
        var out = spec.commandLine().getOut();
        boolean json = root.output().format() == Output.Format.JSON;
        out.println(json ? Json.pretty(Map.of("verifier", verifier)) : verifier);
        out.flush();
        return Sbctl.OK;
    }

    /** Reads a password (twice at a terminal) and returns its verifier with a fresh random salt; wipes the password. */
    static String verifier(PasswordReader passwords, boolean fromStdin, String prompt, int iterations)
            throws IOException, PasswordReader.PasswordException {
        char[] password = passwords.read(fromStdin, true, prompt);
        try {
            byte[] salt = new byte[SALT_BYTES];
            RANDOM.nextBytes(salt);
            return ScramVerifier.create(password, salt, iterations).format();
        } finally {
            Arrays.fill(password, '\0');
        }
    }
}
