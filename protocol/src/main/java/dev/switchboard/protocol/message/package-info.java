/** The messages of protocol v1 as records in two sealed interfaces, one per direction. No I/O here. */
package dev.switchboard.protocol.message;
