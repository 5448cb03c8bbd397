package dev.switchboard.protocol.frame;

/**
 * The protocol version this code speaks. A peer with another major version is refused with an error that names
 * {@link #SUPPORTED}; a higher minor version of the same major is accepted and answered with our minor (SPEC.md §2).
 */
public record ProtocolVersion(int major, int minor) {
    /** 1.1 added column details sent later ({@code Column.DETAILS_LATER}, METADATA {@code switchboard.describeColumns}). */
    public static final ProtocolVersion CURRENT = new ProtocolVersion(1, 1);
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

    /** True when this version, of a compatible major, defines what minor {@code minor} added (SPEC.md §2). */
    public boolean defines(int minor) {
        return this.minor >= minor;
    }

    @Override
    public String toString() {
        return major + "." + minor;
    }
}
