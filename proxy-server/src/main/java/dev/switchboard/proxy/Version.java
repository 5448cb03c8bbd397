package dev.switchboard.proxy;

/** The version this server reports to clients (READY) and in its log. */
public final class Version {
    public static final String SERVER = "Switchboard " + orDev(Version.class.getPackage().getImplementationVersion());

    private Version() {
    }

    private static String orDev(String v) {
        return v == null ? "0.1.0-dev" : v;
    }
}
