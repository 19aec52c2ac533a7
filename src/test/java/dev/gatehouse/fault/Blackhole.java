package dev.gatehouse.fault;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Makes chosen TCP connections on loopback vanish as a dead host's do: every packet they carry is
 * dropped on arrival, so neither end gets a reset or an error, and the sender's kernel only
 * retransmits. A {@code tc} filter on the loopback interface's ingress runs a classic BPF program
 * (built here) that drops the packets between {@code port} and any of the given peer ports; other
 * connections, new ones to the same port included, pass. Needs root and {@code tc}.
 */
final class Blackhole implements AutoCloseable {

    private static final int PREF = 4917; // our filter's priority, so that only it is removed
    private static final int DROP = 2; // TC_ACT_SHOT (direct action)
    private static final int PASS = 0; // TC_ACT_OK

    private final boolean qdiscAdded;

    private Blackhole(boolean qdiscAdded) {
        this.qdiscAdded = qdiscAdded;
    }

    /** Whether this machine can: root, and a {@code tc} whose clsact qdisc and bpf filter the kernel has. */
    static boolean available() {
        try {
            return "0".equals(Processes.output("id", "-u").trim())
                    && Processes.output("tc", "-V").contains("iproute2");
        } catch (IOException e) {
            return false;
        }
    }

    /** Starts dropping the packets between loopback {@code port} and each of {@code peerPorts}. */
    static Blackhole of(int port, Collection<Integer> peerPorts) throws IOException {
        boolean added = tc("qdisc", "add", "dev", "lo", "clsact") == 0;
        String program = program(port, List.copyOf(peerPorts));
        Blackhole hole = new Blackhole(added);
        if (tc("filter", "add", "dev", "lo", "ingress", "pref", String.valueOf(PREF), "bpf", "da", "bytecode", program)
                != 0) {
            hole.close();
            throw new IOException("tc could not attach the filter; see the test's output");
        }
        return hole;
    }

    @Override
    public void close() throws IOException {
        tc("filter", "del", "dev", "lo", "ingress", "pref", String.valueOf(PREF));
        if (qdiscAdded) {
            tc("qdisc", "del", "dev", "lo", "clsact");
        }
    }

    /**
     * Classic BPF over the frame as loopback carries it (a 14-byte Ethernet header, then IPv4):
     * IPv4, TCP, not a fragment; then (source = port and destination in peers) or (source in peers
     * and destination = port) drops, anything else passes.
     */
    static String program(int port, List<Integer> peers) {
        Assembler a = new Assembler();
        a.op(0x28, 12); // ldh [12]: EtherType
        a.jumpUnless(0x0800, "pass");
        a.op(0x30, 23); // ldb [23]: IP protocol
        a.jumpUnless(6, "pass");
        a.op(0x28, 20); // ldh [20]: flags and fragment offset
        a.jumpIfBits(0x1fff, "pass");
        a.op(0xb1, 14); // ldxb 4*([14]&0xf): IP header length
        a.op(0x48, 14); // ldh [x+14]: source port
        a.jumpIf(port, "fromPort");
        peers.forEach(peer -> a.jumpIf(peer, "toPort"));
        a.jump("pass");
        a.label("toPort");
        a.op(0x48, 16); // ldh [x+16]: destination port
        a.jumpIf(port, "drop");
        a.jump("pass");
        a.label("fromPort");
        a.op(0x48, 16);
        peers.forEach(peer -> a.jumpIf(peer, "drop"));
        a.jump("pass");
        a.label("drop");
        a.op(0x06, DROP);
        a.label("pass");
        a.op(0x06, PASS);
        return a.text();
    }

    /** Classic BPF instructions with forward jumps to labels, in tc's {@code bytecode} notation. */
    private static final class Assembler {
        private final List<int[]> code = new ArrayList<>(); // code, jt, jf, k
        private final List<String[]> targets = new ArrayList<>(); // jt label, jf label
        private final Map<String, Integer> labels = new HashMap<>();

        void op(int opcode, int k) {
            add(opcode, k, null, null);
        }

        void jumpIf(int value, String label) {
            add(0x15, value, label, null); // jeq #value, label, next
        }

        void jumpUnless(int value, String label) {
            add(0x15, value, null, label); // jeq #value, next, label
        }

        void jumpIfBits(int bits, String label) {
            add(0x45, bits, label, null); // jset #bits, label, next
        }

        void jump(String label) {
            add(0x05, 0, label, null); // ja label
        }

        void label(String name) {
            labels.put(name, code.size());
        }

        private void add(int opcode, int k, String jt, String jf) {
            code.add(new int[] {opcode, 0, 0, k});
            targets.add(new String[] {jt, jf});
        }

        String text() {
            StringBuilder out = new StringBuilder().append(code.size());
            for (int pc = 0; pc < code.size(); pc++) {
                int[] instruction = code.get(pc);
                String[] to = targets.get(pc);
                if (instruction[0] == 0x05) {
                    instruction[3] = offset(pc, to[0]);
                } else {
                    instruction[1] = to[0] == null ? 0 : offset(pc, to[0]);
                    instruction[2] = to[1] == null ? 0 : offset(pc, to[1]);
                }
                if (instruction[1] > 255 || instruction[2] > 255) {
                    throw new IllegalArgumentException("too many ports for one program");
                }
                out.append(',')
                        .append(instruction[0])
                        .append(' ')
                        .append(instruction[1])
                        .append(' ')
                        .append(instruction[2])
                        .append(' ')
                        .append(instruction[3]);
            }
            return out.toString();
        }

        private int offset(int pc, String label) {
            Integer target = labels.get(label);
            if (target == null || target <= pc) {
                throw new IllegalStateException("no forward label " + label);
            }
            return target - pc - 1;
        }
    }

    private static int tc(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of("tc"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return -1;
            }
            if (process.exitValue() != 0) {
                System.out.println(String.join(" ", command) + ": " + output.trim());
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }
}
