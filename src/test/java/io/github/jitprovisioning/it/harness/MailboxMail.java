package io.github.jitprovisioning.it.harness;

import java.net.URI;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The mailbox proof as a test reads it: the page's form, and the one-time links in the mails of an SMTP sink. */
public final class MailboxMail {

    /** The "check your mail" page's form (it asks for the link again). */
    public static final String FORM = "jit-mailbox-form";
    private static final Pattern LINK = Pattern.compile("https?://[^\\s\"<>]+/jit-mailbox/confirm\\?key=[A-Za-z0-9_\\-.]+");

    private MailboxMail() {
    }

    /** The mailbox-proof mails to {@code address}, oldest first. */
    public static List<SmtpSink.Message> mails(SmtpSink smtp, String address) {
        return smtp.messagesTo(address).stream().filter(mail -> LINK.matcher(mail.decodedText()).find()).toList();
    }

    /** The link of a mailbox-proof mail. */
    public static URI link(SmtpSink.Message mail) {
        Matcher m = LINK.matcher(mail.decodedText());
        if (!m.find()) {
            throw new AssertionError("no mailbox-proof link in " + mail.data());
        }
        return URI.create(m.group());
    }

    /** The link of the newest mailbox-proof mail to {@code address}. */
    public static URI latestLink(SmtpSink smtp, String address) {
        List<SmtpSink.Message> mails = mails(smtp, address);
        if (mails.isEmpty()) {
            throw new AssertionError("no mailbox-proof mail to " + address + " among " + smtp.messages().size() + " mails");
        }
        return link(mails.get(mails.size() - 1));
    }
}
