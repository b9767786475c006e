package io.github.jitprovisioning.core.domains;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The few parts of the DNS wire format (RFC 1035) that a TXT check needs: a query for one name and type, and the
 * answer section of a response (TXT and CNAME records; other types are kept with their type only). Encoding of
 * responses exists for tests that play a DNS server.
 *
 * <p>What an answer may cost is bounded, whatever the server sends (a TCP answer can be 64 KiB): a name holds at most
 * {@value #MAX_NAME_OCTETS} octets on the wire (RFC 1035), compression pointers included; a message at most one
 * question and {@value #MAX_ANSWERS} answer records; the TXT strings of a message at most {@value #MAX_TXT_BYTES}
 * bytes together. Anything beyond is malformed. Whether a response answers a query (id, question name with its
 * case, type and class) is {@link #answers}; the case of a query name is randomised by {@link #randomizeCase}
 * ("0x20", so that a blind spoofer must guess more than the 16-bit id).
 */
public final class DnsMessage {

    public static final int TYPE_CNAME = 5;
    public static final int TYPE_TXT = 16;
    public static final int CLASS_IN = 1;
    public static final int RCODE_NOERROR = 0;
    public static final int RCODE_SERVFAIL = 2;
    public static final int RCODE_NXDOMAIN = 3;
    public static final int MAX_NAME_OCTETS = 255;
    public static final int MAX_ANSWERS = 64;
    public static final int MAX_TXT_BYTES = 16 * 1024;
    private static final int MAX_POINTERS = 64;

    private DnsMessage() {
    }

    /** One resource record of the answer section. {@code txt} for TXT, {@code target} for CNAME. */
    public record Answer(String name, int type, List<String> txt, String target) {
        public Answer {
            txt = txt == null ? List.of() : List.copyOf(txt);
        }

        public static Answer txt(String name, List<String> strings) {
            return new Answer(name, TYPE_TXT, strings, null);
        }

        public static Answer cname(String name, String target) {
            return new Answer(name, TYPE_CNAME, null, target);
        }
    }

    /**
     * A decoded response, or a decoded query (then {@code answers} is empty and {@code response} false).
     * {@code questionName} is lower-case, {@code questionWire} as it was on the wire (its case matters: 0x20).
     */
    public record Message(int id, boolean response, boolean truncated, int rcode, String questionName,
                          int questionType, int questionClass, String questionWire, List<Answer> answers) {
        public Message {
            answers = List.copyOf(answers);
        }
    }

    /**
     * Whether {@code message} is the response to the query {@code id} for {@code sentName} (exactly as sent, case
     * included) and {@code type} in class IN.
     */
    public static boolean answers(Message message, int id, String sentName, int type) {
        return message.response() && message.id() == id && message.questionWire() != null
                && stripDot(message.questionWire()).equals(stripDot(sentName))
                && message.questionType() == type && message.questionClass() == CLASS_IN;
    }

    /** {@code name} with each letter upper- or lower-case at random (DNS names compare without case). */
    public static String randomizeCase(String name, java.util.Random random) {
        StringBuilder out = new StringBuilder(name.length());
        for (char c : name.toCharArray()) {
            boolean letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
            out.append(letter && random.nextBoolean() ? (char) (c ^ 0x20) : c);
        }
        return out.toString();
    }

    private static String stripDot(String name) {
        return name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
    }

    /** Thrown for bytes that are not a well-formed DNS message. */
    public static final class MalformedException extends Exception {
        private static final long serialVersionUID = 1L;

        MalformedException(String message) {
            super(message);
        }
    }

    /** A standard query with recursion desired. */
    public static byte[] query(int id, String name, int type) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        header(out, id, 0x0100, 1, 0);
        question(out, name, type);
        return out.toByteArray();
    }

    /** A response to {@code query} (tests): the question copied, the given rcode and answers (no compression). */
    public static byte[] response(Message query, int rcode, List<Answer> answers) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        header(out, query.id(), 0x8180 | (rcode & 0xf), 1, answers.size());
        question(out, query.questionWire() != null ? query.questionWire() : query.questionName(), query.questionType());
        for (Answer answer : answers) {
            name(out, answer.name());
            short16(out, answer.type());
            short16(out, CLASS_IN);
            short16(out, 0);
            short16(out, 60);
            byte[] rdata = rdata(answer);
            short16(out, rdata.length);
            out.writeBytes(rdata);
        }
        return out.toByteArray();
    }

    private static byte[] rdata(Answer answer) {
        ByteArrayOutputStream rdata = new ByteArrayOutputStream();
        if (answer.type() == TYPE_TXT) {
            for (String s : answer.txt()) {
                byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
                if (bytes.length > 255) {
                    throw new IllegalArgumentException("a TXT string holds at most 255 bytes");
                }
                rdata.write(bytes.length);
                rdata.writeBytes(bytes);
            }
        } else if (answer.type() == TYPE_CNAME) {
            name(rdata, answer.target());
        }
        return rdata.toByteArray();
    }

    private static void header(ByteArrayOutputStream out, int id, int flags, int questions, int answers) {
        short16(out, id);
        short16(out, flags);
        short16(out, questions);
        short16(out, answers);
        short16(out, 0);
        short16(out, 0);
    }

    private static void question(ByteArrayOutputStream out, String name, int type) {
        name(out, name);
        short16(out, type);
        short16(out, CLASS_IN);
    }

    private static void name(ByteArrayOutputStream out, String name) {
        String trimmed = name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
        if (!trimmed.isEmpty()) {
            for (String label : trimmed.split("\\.")) {
                byte[] bytes = label.getBytes(StandardCharsets.US_ASCII);
                if (bytes.length == 0 || bytes.length > 63) {
                    throw new IllegalArgumentException("bad label in " + name);
                }
                out.write(bytes.length);
                out.writeBytes(bytes);
            }
        }
        out.write(0);
    }

    private static void short16(ByteArrayOutputStream out, int value) {
        out.write((value >> 8) & 0xff);
        out.write(value & 0xff);
    }

    /**
     * Decodes a message; names are returned lower-case without the trailing dot (the question also as it was on the
     * wire). Refuses, as malformed, what exceeds the bounds of this class.
     */
    public static Message decode(byte[] bytes) throws MalformedException {
        Reader in = new Reader(bytes);
        int id = in.u16();
        int flags = in.u16();
        int questions = in.u16();
        int answers = in.u16();
        in.u16();
        in.u16();
        if (questions > 1) {
            throw new MalformedException(questions + " questions");
        }
        if (answers > MAX_ANSWERS) {
            throw new MalformedException(answers + " answer records, more than " + MAX_ANSWERS);
        }
        String questionWire = null;
        int questionType = 0;
        int questionClass = 0;
        if (questions == 1) {
            questionWire = in.name();
            questionType = in.u16();
            questionClass = in.u16();
        }
        List<Answer> list = new ArrayList<>();
        boolean truncated = (flags & 0x0200) != 0;
        int text = 0;
        for (int i = 0; i < answers; i++) {
            String name = in.name().toLowerCase(Locale.ROOT);
            int type = in.u16();
            in.u16();
            in.u16();
            in.u16();
            int length = in.u16();
            int end = in.position() + length;
            if (end > bytes.length) {
                throw new MalformedException("record data beyond the message");
            }
            if (type == TYPE_TXT) {
                List<String> strings = new ArrayList<>();
                while (in.position() < end) {
                    int len = in.u8();
                    text += len;
                    if (text > MAX_TXT_BYTES) {
                        throw new MalformedException("more than " + MAX_TXT_BYTES + " bytes of TXT strings");
                    }
                    strings.add(new String(in.bytes(len), StandardCharsets.UTF_8));
                }
                if (in.position() != end) {
                    throw new MalformedException("TXT strings overrun their record");
                }
                list.add(Answer.txt(name, strings));
            } else if (type == TYPE_CNAME) {
                list.add(Answer.cname(name, in.name().toLowerCase(Locale.ROOT)));
                in.seek(end);
            } else {
                list.add(new Answer(name, type, null, null));
                in.seek(end);
            }
        }
        return new Message(id, (flags & 0x8000) != 0, truncated, flags & 0xf,
                questionWire == null ? null : questionWire.toLowerCase(Locale.ROOT), questionType, questionClass,
                questionWire, list);
    }

    private static final class Reader {
        private final byte[] bytes;
        private int pos;

        Reader(byte[] bytes) {
            this.bytes = bytes;
        }

        int position() {
            return pos;
        }

        void seek(int position) {
            pos = position;
        }

        int u8() throws MalformedException {
            if (pos >= bytes.length) {
                throw new MalformedException("message ends early");
            }
            return bytes[pos++] & 0xff;
        }

        int u16() throws MalformedException {
            return (u8() << 8) | u8();
        }

        byte[] bytes(int length) throws MalformedException {
            if (pos + length > bytes.length) {
                throw new MalformedException("message ends early");
            }
            byte[] out = new byte[length];
            System.arraycopy(bytes, pos, out, 0, length);
            pos += length;
            return out;
        }

        String name() throws MalformedException {
            StringBuilder name = new StringBuilder();
            int at = pos;
            int resumeAt = -1;
            int pointers = 0;
            int octets = 1; // the final zero
            while (true) {
                if (at >= bytes.length) {
                    throw new MalformedException("name runs beyond the message");
                }
                int len = bytes[at] & 0xff;
                if ((len & 0xc0) == 0xc0) {
                    if (at + 1 >= bytes.length || ++pointers > MAX_POINTERS) {
                        throw new MalformedException("bad compression pointer");
                    }
                    if (resumeAt < 0) {
                        resumeAt = at + 2;
                    }
                    at = ((len & 0x3f) << 8) | (bytes[at + 1] & 0xff);
                    continue;
                }
                if ((len & 0xc0) != 0) {
                    throw new MalformedException("unknown label type");
                }
                at++;
                if (len == 0) {
                    break;
                }
                if (at + len > bytes.length) {
                    throw new MalformedException("label runs beyond the message");
                }
                octets += len + 1;
                if (octets > MAX_NAME_OCTETS) {
                    throw new MalformedException("name longer than " + MAX_NAME_OCTETS + " octets");
                }
                if (name.length() > 0) {
                    name.append('.');
                }
                name.append(new String(bytes, at, len, StandardCharsets.US_ASCII));
                at += len;
            }
            pos = resumeAt >= 0 ? resumeAt : at;
            return name.toString();
        }
    }
}
