package dev.switchboard.protocol.frame;

/**
 * The protocol version this code speaks. A peer with another major version is refused with an error that names
 * {@link #SUPPORTED}; a higher minor version of the same major is accepted and answered with our minor (SPEC.md §2).
 */
public record ProtocolVersion(int major, int minor) {
    public static final ProtocolVersion CURRENT = new ProtocolVersion(1, 0);
    /** Human-readable list of the majors this build speaks, used in the refusal message. */
    public static final String SUPPORTED = "1.x";

    public ProtocolVersion {
        if (major < 0 || major > 0xffff || minor < 0 || minor > 0xffff) {
            throw new IllegalArgumentException("version parts must fit in u16: " + major + "." + minor);
        }
    }

    public boolean compatibleWith(ProtocolVersion other) {
        return major == other.major;
    }

    @Override
    public String toString() {
        return major + "." + minor;
    }
}
