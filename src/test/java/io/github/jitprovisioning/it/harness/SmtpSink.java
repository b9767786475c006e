package io.github.jitprovisioning.it.harness;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An SMTP server in the test JVM that accepts every message and keeps it: just enough of RFC 5321 for Keycloak's
 * mail sender without TLS or authentication (220 greeting, EHLO/HELO, MAIL, RCPT, DATA, RSET, NOOP, QUIT).
 * Messages are recorded when the client ends DATA, before the 250 reply, so a message sent during an admin
 * request is there when that request returns.
 */
public final class SmtpSink implements AutoCloseable {

    /** One message as received: envelope sender and recipients, and the raw data (headers and body). */
    public record Message(String from, List<String> recipients, String data) {

        /** The value of a header of the top-level message (unfolded), or "". */
        public String header(String name) {
            Matcher m = Pattern.compile("(?im)^" + Pattern.quote(name) + ":[ \\t]*(.*(?:\\r?\\n[ \\t].*)*)").matcher(headerBlock());
            return m.find() ? m.group(1).replaceAll("\\r?\\n[ \\t]+", " ").trim() : "";
        }

        public String subject() {
            return header("Subject");
        }

        /** The data with quoted-printable soft line breaks removed and {@code =XX} escapes decoded, for searching. */
        public String decodedText() {
            String joined = data.replaceAll("=\\r?\\n", "");
            Matcher m = Pattern.compile("=([0-9A-F]{2})").matcher(joined);
            StringBuilder out = new StringBuilder();
            while (m.find()) {
                m.appendReplacement(out, Matcher.quoteReplacement(String.valueOf((char) Integer.parseInt(m.group(1), 16))));
            }
            m.appendTail(out);
            return out.toString();
        }

        private String headerBlock() {
            int end = data.indexOf("\r\n\r\n");
            return end < 0 ? data : data.substring(0, end);
        }
    }

    private final ServerSocket serverSocket;
    private final List<Message> messages = new CopyOnWriteArrayList<>();
    private final Thread acceptor;

    private SmtpSink(ServerSocket serverSocket) {
        this.serverSocket = serverSocket;
        this.acceptor = new Thread(this::acceptLoop, "smtp-sink-" + serverSocket.getLocalPort());
        this.acceptor.setDaemon(true);
        this.acceptor.start();
    }

    /** Starts listening on a free port of the loopback interface. */
    public static SmtpSink start() {
        try {
            return new SmtpSink(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return serverSocket.getLocalPort();
    }

    /** The messages received so far, oldest first. */
    public List<Message> messages() {
        return List.copyOf(messages);
    }

    /** The messages received so far with {@code address} among the recipients (case-insensitive). */
    public List<Message> messagesTo(String address) {
        return messages.stream().filter(m -> m.recipients().stream().anyMatch(r -> r.equalsIgnoreCase(address))).toList();
    }

    private void acceptLoop() {
        while (!serverSocket.isClosed()) {
            try {
                Socket socket = serverSocket.accept();
                Thread session = new Thread(() -> serve(socket), "smtp-sink-session");
                session.setDaemon(true);
                session.start();
            } catch (IOException e) {
                if (!serverSocket.isClosed()) {
                    System.err.println("[smtp-sink] accept failed: " + e);
                }
            }
        }
    }

    private void serve(Socket socket) {
        try (socket;
             BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
             OutputStream out = socket.getOutputStream()) {
            reply(out, "220 localhost SMTP sink");
            String from = null;
            List<String> recipients = new ArrayList<>();
            String line;
            while ((line = in.readLine()) != null) {
                String command = line.length() >= 4 ? line.substring(0, 4).toUpperCase(Locale.ROOT) : line.toUpperCase(Locale.ROOT);
                switch (command) {
                    case "EHLO", "HELO" -> reply(out, "250 localhost");
                    case "MAIL" -> {
                        from = address(line);
                        recipients = new ArrayList<>();
                        reply(out, "250 OK");
                    }
                    case "RCPT" -> {
                        recipients.add(address(line));
                        reply(out, "250 OK");
                    }
                    case "DATA" -> {
                        reply(out, "354 End data with <CR><LF>.<CR><LF>");
                        StringBuilder data = new StringBuilder();
                        String dataLine;
                        while ((dataLine = in.readLine()) != null && !dataLine.equals(".")) {
                            data.append(dataLine.startsWith("..") ? dataLine.substring(1) : dataLine).append("\r\n");
                        }
                        messages.add(new Message(from, List.copyOf(recipients), data.toString()));
                        reply(out, "250 OK");
                    }
                    case "RSET" -> {
                        from = null;
                        recipients = new ArrayList<>();
                        reply(out, "250 OK");
                    }
                    case "NOOP" -> reply(out, "250 OK");
                    case "QUIT" -> {
                        reply(out, "221 Bye");
                        return;
                    }
                    default -> reply(out, "502 Command not implemented");
                }
            }
        } catch (IOException e) {
            System.err.println("[smtp-sink] session failed: " + e);
        }
    }

    private static String address(String line) {
        int open = line.indexOf('<');
        int close = line.indexOf('>', open + 1);
        return open >= 0 && close > open ? line.substring(open + 1, close) : line.substring(line.indexOf(':') + 1).trim();
    }

    private static void reply(OutputStream out, String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    @Override
    public void close() {
        try {
            serverSocket.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
