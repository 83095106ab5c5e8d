/* textinput.c - one article per file (see textinput.h). */
#include "textinput.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int qd_read_file(const char *name, qd_buf *b)
{
    bool is_stdin = strcmp(name, "-") == 0;
    int fd = is_stdin ? STDIN_FILENO : open(name, O_RDONLY);
    if (fd < 0)
        return errno;
    qd_buf_clear(b);
    struct stat st;
    /* Size the buffer once for regular files (+1 to see EOF without a
     * second grow); pipes grow as they come. */
    if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0)
        qd_buf_reserve(b, (size_t)st.st_size + 1);
    int err = 0;
    for (;;) {
        if (b->cap - b->len < 4096 && !qd_buf_reserve(b, 65536)) {
            err = ENOMEM;
            break;
        }
        ssize_t n = read(fd, b->data + b->len, b->cap - b->len);
        if (n > 0) {
            b->len += (size_t)n;
        } else if (n == 0) {
            break;
        } else if (errno != EINTR) {
            err = errno;
            break;
        }
    }
    if (!is_stdin)
        close(fd);
    return err;
}

/* JSON formats end each file's object with a newline; TSV has a header. */
static void frame(const qd_job *job, qd_output *out, const qd_buf *rendered)
{
    qd_output_write(out, rendered->data, rendered->len);
    qd_format f = job->render.format;
    if (f == QD_FORMAT_JSON || f == QD_FORMAT_JSONL)
        qd_output_write(out, "\n", 1);
}

/* Extract and render one article; false (with a message) on failure. */
static bool process_text(const qd_job *job, const char *name, const qd_buf *in, qd_buf *rendered)
{
    qd_source src = {name, 0, QD_ID_NONE, NULL, 0, 0, NULL};
    quote_result *res = NULL;
    quote_error qe;
    qe.message[0] = '\0';
    int rc = quote_extract(job->ex, in->data, in->len, job->flags, &res, &qe);
    char msg[256];
    if (rc == QUOTE_OK) {
        qd_render_result(rendered, &job->render, &src, in->data, in->len, res);
        quote_result_free(res);
        if (!rendered->oom)
            return true;
        qd_buf_clear(rendered);
        snprintf(msg, sizeof msg, "out of memory");
    } else if (rc == QUOTE_EUTF8) {
        snprintf(msg, sizeof msg, "invalid UTF-8 at byte %zu (see --lenient-utf8)", qe.offset);
    } else {
        snprintf(msg, sizeof msg, "%s", qe.message[0] ? qe.message : quote_strerror(rc));
    }
    fprintf(stderr, "quotedump: %s: %s\n", name, msg);
    qd_render_error(rendered, &job->render, &src, msg);
    return false;
}

bool qd_run_text(const qd_job *job, char *const *names, int count, qd_output *out,
                 qd_progress *progress)
{
    static char *const stdin_name[] = {"-"};
    if (count == 0) {
        names = stdin_name;
        count = 1;
    }
    qd_buf in = QD_BUF_INIT, rendered = QD_BUF_INIT;
    bool ok = true;
    uint64_t bytes = 0, records = 0;

    if (job->render.format == QD_FORMAT_TSV) {
        qd_render_tsv_header(&rendered, &job->render, "file");
        qd_output_write(out, rendered.data, rendered.len);
    }
    for (int i = 0; i < count && !out->failed; i++) {
        int err = qd_read_file(names[i], &in);
        if (err) {
            fprintf(stderr, "quotedump: %s: %s\n", names[i], strerror(err));
            ok = false;
            continue;
        }
        bytes += in.len;
        qd_buf_clear(&rendered);
        if (!process_text(job, names[i], &in, &rendered))
            ok = false;
        frame(job, out, &rendered);
        records++;
        qd_progress_update(progress, records, bytes);
    }
    qd_progress_finish(progress, records, bytes);
    qd_buf_free(&in);
    qd_buf_free(&rendered);
    return ok && !out->failed;
}
