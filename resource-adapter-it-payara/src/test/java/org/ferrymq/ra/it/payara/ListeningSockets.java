package org.ferrymq.ra.it.payara;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The TCP and UDP sockets a process listens on, read from Linux's /proc (the process's socket
 * inodes matched against /proc/net/{tcp,tcp6,udp,udp6}), so no tool (ss, netstat) is needed.
 */
final class ListeningSockets {
    /** One listening socket: "tcp"/"udp", its local address as text, its port. */
    record Socket(String protocol, String address, int port) {
        @Override
        public String toString() {
            return protocol + " " + address + ":" + port;
        }
    }

    private ListeningSockets() {
    }

    static List<Socket> of(long pid) {
        Set<String> inodes = new HashSet<>();
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(Path.of("/proc", String.valueOf(pid), "fd"))) {
            for (Path fd : fds) {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:[")) {
                        inodes.add(target.substring(8, target.length() - 1));
                    }
                } catch (IOException closedMeanwhile) {
                    // the descriptor went away while we looked
                }
            }
            List<Socket> sockets = new ArrayList<>();
            for (String table : List.of("tcp", "tcp6", "udp", "udp6")) {
                List<String> lines = Files.readAllLines(Path.of("/proc/net", table));
                for (String line : lines.subList(1, lines.size())) {
                    String[] f = line.trim().split("\\s+");
                    boolean tcp = table.startsWith("tcp");
                    // TCP state 0A = LISTEN; an unconnected UDP socket (07 = CLOSE) is a listener too
                    boolean listening = tcp ? f[3].equals("0A") : f[3].equals("07");
                    if (listening && inodes.contains(f[9])) {
                        String[] local = f[1].split(":");
                        sockets.add(new Socket(tcp ? "tcp" : "udp", address(local[0]), Integer.parseInt(local[1], 16)));
                    }
                }
            }
            return sockets;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** /proc/net's hex address (little-endian 32-bit words) as text: 127.0.0.1, 0.0.0.0, ::ffff:127.0.0.1, ::. */
    static String address(String hex) {
        if (hex.length() == 8) {
            return ipv4(hex);
        }
        if (hex.startsWith("0000000000000000FFFF0000")) {
            return "::ffff:" + ipv4(hex.substring(24));
        }
        return hex.equals("00000000000000000000000000000000") ? "::" : hex;
    }

    private static String ipv4(String hex) {
        long v = Long.parseLong(hex, 16);
        return (v & 0xff) + "." + ((v >> 8) & 0xff) + "." + ((v >> 16) & 0xff) + "." + ((v >> 24) & 0xff);
    }

    static boolean isLoopback(String address) {
        return address.startsWith("127.") || address.startsWith("::ffff:127.") || address.equals("00000000000000000000000001000000");
    }
}
