package io.linia.customers.web;

import io.linia.customers.Author;
import io.linia.customers.CustomerExports;
import io.linia.customers.CustomerImports;
import io.linia.customers.ImportOptions;
import io.linia.customers.ImportTooLargeException;
import io.linia.customers.ImportView;
import io.linia.identity.CurrentUser;
import io.linia.platform.InvalidInputException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.UUID;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import jakarta.servlet.http.HttpServletResponse;

/**
 * CSV import and export of customer cards (CRM-5); docs/customers.md. Importing needs
 * CUSTOMER_MANAGE; exporting the whole base too (it is the base), and revealing confidential
 * fields in an export is asked for explicitly and audited.
 */
@RestController
@RequestMapping("/api/v1/customers")
@Tag(name = "Customer import and export", description = "CSV import with mapping, preview and rejection report; CSV export (CRM-5)")
class CustomerImportController {

    private final CustomerImports imports;
    private final CustomerExports exports;

    CustomerImportController(CustomerImports imports, CustomerExports exports) {
        this.imports = imports;
        this.exports = exports;
    }

    @PostMapping(path = "/imports", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasAuthority('CUSTOMER_MANAGE')")
    @Operation(summary = "Upload a CSV file to import",
            description = "Multipart part 'file'; encoding auto (default), UTF-8 or windows-1251; separator auto (default), "
                    + "';' or ','. Returns the columns, a sample and the suggested mapping; 413 over the size limit, "
                    + "422 wrong_encoding when the file is not valid in the encoding chosen.")
    ImportView upload(@AuthenticationPrincipal CurrentUser me, @RequestParam("file") MultipartFile file,
                      @RequestParam(required = false) String encoding,
                      @RequestParam(required = false) String separator) {
        if (file.getSize() > imports.maxBytes()) {
            throw new ImportTooLargeException(imports.maxBytes());
        }
        byte[] bytes;
        try (InputStream in = file.getInputStream()) {
            bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, imports.maxBytes() + 1));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return imports.upload(me.tenantId(), me.userId(), file.getOriginalFilename(), bytes, encoding, separator);
    }

    @GetMapping("/imports/{id}")
    @PreAuthorize("hasAuthority('CUSTOMER_MANAGE')")
    @Operation(summary = "An import: columns, mapping, sample, status, counts and the first 1,000 report lines")
    ImportView get(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id) {
        return imports.get(me.tenantId(), id);
    }

    @PostMapping("/imports/{id}/preview")
    @PreAuthorize("hasAuthority('CUSTOMER_MANAGE')")
    @Operation(summary = "Check every record with a mapping; writes no card",
            description = "Body: {mapping: {column: field}, mode, duplicates}; all optional.")
    ImportView preview(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id,
                       @RequestBody(required = false) ImportOptions options) {
        return imports.preview(me.tenantId(), id, options);
    }

    @PostMapping("/imports/{id}/run")
    @PreAuthorize("hasAuthority('CUSTOMER_MANAGE')")
    @Operation(summary = "Import the file",
            description = "mode ALL_OR_NOTHING (default: one bad record and nothing is written, status REJECTED) or "
                    + "VALID_ROWS; duplicates SKIP (default), UPDATE or REJECT. One transaction; audited.")
    ImportView run(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id,
                   @RequestBody(required = false) ImportOptions options) {
        return imports.run(me.tenantId(), id, options, new Author(me.userId(), me.fullName()));
    }

    @GetMapping("/imports/{id}/report.csv")
    @PreAuthorize("hasAuthority('CUSTOMER_MANAGE')")
    @Operation(summary = "The whole rejection report as CSV (UTF-8 with BOM, ';')")
    void report(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id, HttpServletResponse response)
            throws IOException {
        imports.get(me.tenantId(), id); // 404 before the response starts
        csv(response, "import-report-" + id + ".csv", "UTF-8");
        imports.writeReport(me.tenantId(), id, response.getOutputStream());
    }

    @GetMapping("/export")
    @PreAuthorize("hasAuthority('CUSTOMER_MANAGE')")
    @Operation(summary = "The cards of a list query as CSV, streamed",
            description = "q as in the list; encoding UTF-8 (default, with BOM) or windows-1251; separator ';' (default) "
                    + "or ','. Confidential custom fields only with reveal=true (audited). Cells starting with = + - @ "
                    + "are prefixed with '.")
    void export(@AuthenticationPrincipal CurrentUser me,
                @RequestParam(required = false) String q,
                @RequestParam(required = false) String encoding,
                @RequestParam(required = false) String separator,
                @RequestParam(defaultValue = "false") boolean reveal,
                HttpServletResponse response) throws IOException {
        CustomerExports.Format format = exports.format(encoding, separator);
        if (q != null && q.length() > 200) {
            throw new InvalidInputException("too_long", "q", "At most 200 characters");
        }
        exports.audit(me.tenantId(), q, reveal);
        csv(response, "customers.csv", format.charset().name());
        // written page by page straight to the response on this thread (the tenant's context stays set)
        exports.write(me.tenantId(), q, format, reveal, response.getOutputStream());
    }

    private static void csv(HttpServletResponse response, String name, String charset) {
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(name).build().toString());
        response.setContentType("text/csv; charset=" + charset);
    }
}
