package dev.switchboard.admin;

import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/**
 * Adds or replaces a user. The password is read here, turned into a SCRAM verifier here, and only the verifier is
 * sent: the server never sees the plaintext. With several servers, every one gets the same verifier.
 */
@Command(name = "add", description = {"Add a user, or replace one of the same name.",
        "Reads the password without echo (twice) at a terminal, else the first line of standard input; "
                + "sends only its SCRAM verifier."})
final class UsersAddCommand implements Callable<Integer> {
    @ParentCommand UsersCommand users;
    @Spec CommandSpec spec;
    @Parameters(index = "0", paramLabel = "NAME", description = "User name.") String name;
    @Option(names = "--databases", required = true, split = ",", paramLabel = "DB",
            description = "Databases the user may reach: names, templated names, or a template with {user}.")
    List<String> databases;
    @Option(names = "--default", paramLabel = "DB", description = "Database used when the client names none.")
    String defaultDatabase;
    @Option(names = "--valid-until", paramLabel = "TIME", converter = InstantConverter.class,
            description = "Logins are refused after this ISO-8601 time: 2027-01-31T00:00:00Z, or a date (UTC).")
    Instant validUntil;
    @Option(names = "--max-connections", paramLabel = "N",
            description = "Most client connections this user may hold at once.")
    Integer maxConnections;
    @Option(names = "--password-stdin", description = "Read the password from the first line of standard input.")
    boolean passwordStdin;

    @Override
    public Integer call() throws IOException, InterruptedException, PasswordReader.PasswordException {
        Sbctl root = users.root;
        String verifier = ScramCommand.verifier(root.passwords(), passwordStdin, "Password for " + name + ": ",
                ScramCommand.DEFAULT_ITERATIONS);
        var user = new AdminClient.UserSpec(verifier, databases, defaultDatabase, validUntil, maxConnections);
        return root.run(spec, List.of(), client -> Reply.of(client.putUser(name, user)));   // PUT /api/v1/users/{name}
    }

    /** An ISO-8601 instant, date-time with offset, or date (midnight UTC). */
    static final class InstantConverter implements ITypeConverter<Instant> {
        @Override
        public Instant convert(String text) {
            try {
                return Instant.parse(text);
            } catch (DateTimeParseException notInstant) {
                try {
                    return OffsetDateTime.parse(text).toInstant();
                } catch (DateTimeParseException notOffset) {
                    try {
                        return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
                    } catch (DateTimeParseException e) {
                        throw new TypeConversionException("'" + text + "' is not an ISO-8601 time such as "
                                + "2027-01-31T00:00:00Z or 2027-01-31");
                    }
                }
            }
        }
    }
}
