/** SQL values, column descriptions, wire types and the SQLSTATEs Switchboard itself produces. */
package dev.switchboard.protocol.types;
