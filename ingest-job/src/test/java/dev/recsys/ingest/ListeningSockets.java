package dev.recsys.ingest;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The TCP sockets a process listens on, read from Linux's {@code /proc}: {@code /proc/<pid>/net/tcp}
 * and {@code tcp6} list every socket of the process's network namespace with its inode, and the
 * links in {@code /proc/<pid>/fd} name the inodes the process itself holds.
 */
public final class ListeningSockets {
    /** {@code st} of a listening socket in {@code /proc/net/tcp}. */
    private static final String LISTEN = "0A";

    private static final Pattern SOCKET_LINK = Pattern.compile("socket:\\[(\\d+)]");

    /**
     * One listening socket.
     *
     * @param address the local address as the kernel writes it: 8 hex digits for IPv4, 32 for IPv6,
     *     each 32-bit word in the host's (little-endian) byte order
     * @param port the local port
     */
    public record Socket(String address, int port) {
        /** 127.0.0.0/8, {@code ::1} or an IPv4-mapped 127.0.0.0/8. */
        public boolean isLoopback() {
            if (address.length() == 8) {
                return address.endsWith("7F");
            }
            return address.equals("00000000000000000000000001000000")
                    || (address.startsWith("0000000000000000FFFF0000") && address.endsWith("7F"));
        }

        @Override
        public String toString() {
            return address + ":" + port + (isLoopback() ? " (loopback)" : "");
        }
    }

    private ListeningSockets() {}

    public static boolean available() {
        return Files.isReadable(Path.of("/proc/self/net/tcp"));
    }

    /** The TCP sockets process {@code pid} listens on. */
    public static List<Socket> of(long pid) throws IOException {
        Path proc = Path.of("/proc", Long.toString(pid));
        Set<String> inodes = new HashSet<>();
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(proc.resolve("fd"))) {
            for (Path fd : fds) {
                try {
                    Matcher link =
                            SOCKET_LINK.matcher(Files.readSymbolicLink(fd).toString());
                    if (link.matches()) {
                        inodes.add(link.group(1));
                    }
                } catch (IOException closedMeanwhile) {
                    // the descriptor was closed while we looked
                }
            }
        }
        List<Socket> sockets = new ArrayList<>();
        for (String table : List.of("tcp", "tcp6")) {
            Path file = proc.resolve("net").resolve(table);
            if (!Files.exists(file)) {
                continue;
            }
            List<String> lines = Files.readAllLines(file);
            for (String line : lines.subList(1, lines.size())) {
                // sl local_address rem_address st tx_queue:rx_queue tr:tm->when retrnsmt uid timeout inode
                String[] f = line.trim().split("\\s+");
                if (f.length > 9 && f[3].equals(LISTEN) && inodes.contains(f[9])) {
                    String[] local = f[1].split(":");
                    sockets.add(new Socket(local[0], Integer.parseInt(local[1], 16)));
                }
            }
        }
        return sockets;
    }
}
