package io.cdccookbook.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The addresses a TCP port listens on, as the kernel reports them in /proc/net/tcp and tcp6 (Linux). */
public final class ListeningSockets {

    private ListeningSockets() {
    }

    public static boolean available() {
        return Files.isReadable(Path.of("/proc/net/tcp"));
    }

    /** Every local address a socket in state LISTEN has for {@code port}. */
    public static List<InetAddress> on(int port) throws IOException {
        List<InetAddress> addresses = new ArrayList<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            Path file = Path.of(table);
            if (!Files.isReadable(file)) {
                continue;
            }
            List<String> lines = Files.readAllLines(file); // once: the table changes as sockets come and go
            for (String line : lines.subList(1, lines.size())) {
                String[] fields = line.trim().split("\\s+");
                String[] local = fields[1].split(":");
                if (fields[3].equals("0A") && Integer.parseInt(local[1], 16) == port) {
                    addresses.add(address(local[0]));
                }
            }
        }
        return addresses;
    }

    /** The kernel prints addresses as 32-bit words in host (little-endian) order. */
    private static InetAddress address(String hex) throws IOException {
        byte[] bytes = new byte[hex.length() / 2];
        for (int word = 0; word < bytes.length / 4; word++) {
            for (int b = 0; b < 4; b++) {
                int at = word * 8 + (3 - b) * 2;
                bytes[word * 4 + b] = (byte) Integer.parseInt(hex.substring(at, at + 2), 16);
            }
        }
        return InetAddress.getByAddress(bytes);
    }

    /** 127.0.0.0/8, ::1, or ::ffff:127.x (IPv4 loopback on a dual-stack socket). */
    public static boolean isLoopback(InetAddress address) {
        byte[] b = address.getAddress();
        boolean mapped = b.length == 16 && java.util.Arrays.equals(java.util.Arrays.copyOf(b, 10), new byte[10])
                && b[10] == (byte) 0xff && b[11] == (byte) 0xff && b[12] == 127;
        return address.isLoopbackAddress() || mapped;
    }
}
