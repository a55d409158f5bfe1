package io.linia.kb;

import io.linia.audit.AuditEvent;
import io.linia.audit.AuditLog;
import io.linia.kb.internal.KbRepository;
import io.linia.kb.internal.KbRepository.ArticleRow;
import io.linia.kb.internal.KbRepository.StoredFile;
import io.linia.platform.InvalidInputException;
import io.linia.platform.NotFoundException;
import io.linia.platform.TenantId;
import io.linia.platform.crypto.TenantCrypto;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Files of articles (KB-1): at most {@link KbProperties#maxAttachmentBytes()} each (413
 * {@code too_large}, read no further than the limit), of the {@link #TYPES} listed (422
 * {@code unsupported_type}), stored in the database per tenant and, as recordings are, encrypted
 * with the tenant's data key bound to the attachment's id (SEC-5; plain when the tenant switched
 * confidential storage off, SEC-6). Readers get the files of articles they may read.
 */
@Service
public class KbAttachments {

    /** Content types an article may carry: documents, spreadsheets, images (no SVG: it can hold script), audio, video. */
    public static final Set<String> TYPES = Set.of("application/pdf", "text/plain", "text/csv", "image/png", "image/jpeg",
            "image/gif", "image/webp", "application/msword", "application/vnd.ms-excel", "application/vnd.ms-powerpoint",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "application/vnd.openxmlformats-officedocument.presentationml.presentation",
            "application/vnd.oasis.opendocument.text", "application/vnd.oasis.opendocument.spreadsheet",
            "application/zip", "audio/mpeg", "audio/wav", "video/mp4");

    private static final long DRAIN_LIMIT = 64L * 1024 * 1024;

    /** A file to hand out. */
    public record Download(AttachmentView attachment, byte[] bytes) {
    }

    private final KbRepository repo;
    private final KbArticles articles;
    private final TenantCrypto crypto;
    private final KbProperties props;
    private final AuditLog audit;
    private final Clock clock;

    KbAttachments(KbRepository repo, KbArticles articles, TenantCrypto crypto, KbProperties props, AuditLog audit,
                  Clock clock) {
        this.repo = repo;
        this.articles = articles;
        this.crypto = crypto;
        this.props = props;
        this.audit = audit;
        this.clock = clock;
    }

    public long maxBytes() {
        return props.maxAttachmentBytes();
    }

    /**
     * Stores a file. {@code declaredLength} (the request's Content-Length, -1 when unknown) lets an
     * oversized upload be refused before it is read.
     */
    @Transactional
    public AttachmentView add(TenantId tenant, UUID articleId, String fileName, String contentType, long declaredLength,
                              InputStream body, Author author) {
        repo.article(tenant, articleId).orElseThrow(() -> new NotFoundException("article", articleId));
        String name = fileName(fileName);
        String type = contentType == null ? "" : contentType.split(";")[0].strip().toLowerCase(Locale.ROOT);
        if (!TYPES.contains(type)) {
            throw new InvalidInputException("unsupported_type", "contentType", "Files of type '" + type + "' are not accepted");
        }
        if (declaredLength > props.maxAttachmentBytes()) {
            drain(body);
            throw new AttachmentTooLargeException(props.maxAttachmentBytes());
        }
        byte[] bytes = read(body, props.maxAttachmentBytes());
        if (bytes.length == 0) {
            throw new InvalidInputException("required", "file", "The file is empty");
        }
        UUID id = UUID.randomUUID();
        AttachmentView view = new AttachmentView(id, articleId, name, type, bytes.length, author.name(), clock.instant());
        boolean encrypt = crypto.storageAllowed(tenant);
        repo.insertAttachment(tenant, view, encrypt, encrypt ? crypto.encrypt(tenant, bytes, aad(id)) : bytes, author.userId());
        audit.record(AuditEvent.change(tenant, "kb_attachment.create", "kb_article", articleId, null,
                Map.of("attachment", id, "fileName", name, "contentType", type, "size", bytes.length)));
        return view;
    }

    public List<AttachmentView> list(TenantId tenant, KbReader reader, UUID articleId) {
        articles.get(tenant, reader, articleId, true);
        return repo.attachments(tenant, articleId);
    }

    /** A file of an article the reader may read (404 otherwise, another tenant's included). */
    public Download download(TenantId tenant, KbReader reader, UUID articleId, UUID id) {
        articles.get(tenant, reader, articleId, true);
        StoredFile f = repo.attachment(tenant, articleId, id).orElseThrow(() -> new NotFoundException("attachment", id));
        return new Download(f.view(), f.encrypted() ? crypto.decrypt(tenant, f.data(), aad(id)) : f.data());
    }

    @Transactional
    public void delete(TenantId tenant, UUID articleId, UUID id) {
        StoredFile f = repo.attachment(tenant, articleId, id).orElseThrow(() -> new NotFoundException("attachment", id));
        repo.deleteAttachment(tenant, id);
        audit.record(AuditEvent.change(tenant, "kb_attachment.delete", "kb_article", articleId,
                Map.of("attachment", id, "fileName", f.view().fileName()), null));
    }

    private static String fileName(String raw) {
        if (raw == null || raw.isBlank()) {
            throw new InvalidInputException("required", "name", "The file needs a name");
        }
        String n = raw.strip();
        int slash = Math.max(n.lastIndexOf('/'), n.lastIndexOf('\\'));
        n = n.substring(slash + 1);
        if (n.isEmpty() || n.length() > 255 || n.chars().anyMatch(Character::isISOControl) || n.equals(".") || n.equals("..")) {
            throw new InvalidInputException("format", "name", "A file name of 1..255 printable characters");
        }
        return n;
    }

    private static byte[] read(InputStream in, long max) {
        try (in) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buf = new byte[64 * 1024];
            long total = 0;
            for (int r; (r = in.read(buf)) != -1; ) {
                total += r;
                if (total > max) {
                    drain(in);
                    throw new AttachmentTooLargeException(max);
                }
                out.write(buf, 0, r);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Reads what is left of a refused upload (up to {@link #DRAIN_LIMIT}), so that the client, still
     * sending, gets the 413 instead of a reset connection; beyond that the server closes it.
     */
    private static void drain(InputStream in) {
        try {
            byte[] buf = new byte[64 * 1024];
            long left = DRAIN_LIMIT;
            for (int r; left > 0 && (r = in.read(buf)) != -1; ) {
                left -= r;
            }
        } catch (IOException e) {
            // the client went away: nothing to answer
        }
    }

    private static byte[] aad(UUID id) {
        return ("kb-attachment:" + id).getBytes(StandardCharsets.UTF_8);
    }
}
