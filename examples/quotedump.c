/*
 * quotedump - print the quotations of news articles and who said them.
 *
 * A thin command-line layer over libquote: this file parses the command
 * line and wires the pieces under quotedump/ together:
 *   textinput.c  --input text: one article per file
 *   pipeline.c   --input jsonl: parallel, ordered, streaming
 *   record.c     one JSON Lines record: parse, extract, render
 *   render.c     the output formats; escape.c their escaping
 *   reader.c, output.c, progress.c, lexicon.c, buf.c  plumbing
 * See man/quotedump.1 for the user documentation.
 */
#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>

#include "libquote.h"
#include "lexicon.h"
#include "output.h"
#include "pipeline.h"
#include "progress.h"
#include "reader.h"
#include "record.h"
#include "textinput.h"

/* Exit statuses, listed in --help and the man page. */
enum {
    EXIT_OK = 0,      /* everything was processed */
    EXIT_RUNTIME = 1, /* a file, record, lexicon or write failed */
    EXIT_USAGE = 2    /* invalid command line */
};

enum color_when { COLOR_AUTO, COLOR_ALWAYS, COLOR_NEVER };

/* The command line, parsed. */
typedef struct cli {
    qd_format format;
    bool input_jsonl;
    enum color_when color;
    double min_confidence;
    uint32_t flags;
    bool explain;
    int jobs;
    bool progress;
    const char **lexicons;
    int nlexicons;
} cli;

/* Long-only options get codes above any character. */
enum {
    OPT_COLOR = 256,
    OPT_LEXICON,
    OPT_MIN_CONFIDENCE,
    OPT_LENIENT_UTF8,
    OPT_EXPLAIN,
    OPT_NO_HEADLINE,
    OPT_PROGRESS
};

static const struct option longopts[] = {
    {"format", required_argument, NULL, 'f'},
    {"input", required_argument, NULL, 'i'},
    {"color", optional_argument, NULL, OPT_COLOR},
    {"colour", optional_argument, NULL, OPT_COLOR},
    {"lexicon", required_argument, NULL, OPT_LEXICON},
    {"min-confidence", required_argument, NULL, OPT_MIN_CONFIDENCE},
    {"lenient-utf8", no_argument, NULL, OPT_LENIENT_UTF8},
    {"explain", no_argument, NULL, OPT_EXPLAIN},
    {"no-headline", no_argument, NULL, OPT_NO_HEADLINE},
    {"jobs", required_argument, NULL, 'j'},
    {"progress", no_argument, NULL, OPT_PROGRESS},
    {"help", no_argument, NULL, 'h'},
    {"version", no_argument, NULL, 'V'},
    {NULL, 0, NULL, 0},
};

static int default_jobs(void)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n < 1 ? 1 : n > 256 ? 256 : (int)n;
}

static void usage(void)
{
    printf("Usage: quotedump [OPTIONS] [FILE...]\n"
           "Print the quotations in news articles and who said them.\n"
           "\n"
           "With no FILE, or when FILE is -, read standard input.  With --input text\n"
           "each FILE is one article; with --input jsonl each line of each FILE is a\n"
           "record {\"id\": ..., \"text\": ...}.\n"
           "\n"
           "Options:\n"
           "  -f, --format=FORMAT      output format: text (default), json, jsonl, tsv\n"
           "  -i, --input=KIND         text (default) or jsonl\n"
           "      --color[=WHEN]       colour the text format: auto (default), always, never\n"
           "      --lexicon=FILE       add the lexicon entries in FILE (repeatable)\n"
           "      --min-confidence=X   drop quotes whose confidence is below X\n"
           "      --lenient-utf8       accept invalid UTF-8 in text input\n"
           "      --explain            add an explanation of each attribution\n"
           "      --no-headline        do not treat the first paragraph as a headline\n"
           "  -j, --jobs=N             threads for --input jsonl (default: %d, the\n"
           "                           online CPUs); 1 starts no thread\n"
           "      --progress           report progress on standard error every second\n"
           "  -h, --help               display this help and exit\n"
           "  -V, --version            display the version and exit\n"
           "\n"
           "Formats:\n"
           "  text   one line per quote: SPEAKER CUE: \xE2\x80\x9CQUOTE\xE2\x80\x9D\n"
           "  json   one object per article, {\"file\" or \"id\": ..., \"quotes\": [...]},\n"
           "         one quote per line; with --input jsonl, one array of all records\n"
           "  jsonl  the same objects, one per line\n"
           "  tsv    a header, then start end speaker mention cue kind confidence quote\n"
           "         (tab, newline, CR, backslash and NUL written as \\t \\n \\r \\\\ \\0)\n"
           "With several articles (several FILEs, or --input jsonl), text and tsv lines\n"
           "begin with the file name or record id.\n"
           "\n"
           "With --input jsonl, blank lines are skipped and every other line gives one\n"
           "output record, in input order; a bad line gives an error record\n"
           "{\"id\": ..., \"line\": N, \"error\": \"...\", \"quotes\": []} in the JSON formats.\n"
           "\n"
           "Exit status:\n"
           "  %d  success\n"
           "  %d  a file could not be read, a record was bad, or output failed\n"
           "  %d  invalid command line\n",
           default_jobs(), EXIT_OK, EXIT_RUNTIME, EXIT_USAGE);
}

static int usage_error(const char *fmt, const char *arg)
{
    if (fmt) {
        fputs("quotedump: ", stderr);
        fprintf(stderr, fmt, arg);
        fputc('\n', stderr);
    }
    fputs("Try 'quotedump --help' for more information.\n", stderr);
    return EXIT_USAGE;
}

static bool parse_format(const char *s, qd_format *out)
{
    static const struct {
        const char *name;
        qd_format format;
    } names[] = {
        {"text", QD_FORMAT_TEXT},
        {"json", QD_FORMAT_JSON},
        {"jsonl", QD_FORMAT_JSONL},
        {"tsv", QD_FORMAT_TSV},
    };
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        if (strcmp(s, names[i].name) == 0) {
            *out = names[i].format;
            return true;
        }
    }
    return false;
}

static bool parse_jobs(const char *s, int *out)
{
    char *end;
    errno = 0;
    long n = strtol(s, &end, 10);
    if (errno || end == s || *end || n < 1 || n > 1024)
        return false;
    *out = (int)n;
    return true;
}

static bool parse_confidence(const char *s, double *out)
{
    char *end;
    errno = 0;
    double x = strtod(s, &end);
    if (errno || end == s || *end || !isfinite(x))
        return false;
    *out = x;
    return true;
}

/* Parse argv into c; returns -1 to go on, else an exit status. */
static int parse_args(int argc, char **argv, cli *c)
{
    int opt;
    while ((opt = getopt_long(argc, argv, "f:i:j:hV", longopts, NULL)) != -1) {
        switch (opt) {
        case 'f':
            if (!parse_format(optarg, &c->format))
                return usage_error("invalid format '%s' (text, json, jsonl or tsv)", optarg);
            break;
        case 'i':
            if (strcmp(optarg, "text") == 0)
                c->input_jsonl = false;
            else if (strcmp(optarg, "jsonl") == 0)
                c->input_jsonl = true;
            else
                return usage_error("invalid input kind '%s' (text or jsonl)", optarg);
            break;
        case OPT_COLOR:
            if (!optarg || strcmp(optarg, "always") == 0)
                c->color = COLOR_ALWAYS;
            else if (strcmp(optarg, "auto") == 0)
                c->color = COLOR_AUTO;
            else if (strcmp(optarg, "never") == 0)
                c->color = COLOR_NEVER;
            else
                return usage_error("invalid --color value '%s' (auto, always or never)", optarg);
            break;
        case OPT_LEXICON:
            c->lexicons[c->nlexicons++] = optarg; /* argc bounds the count */
            break;
        case OPT_MIN_CONFIDENCE:
            if (!parse_confidence(optarg, &c->min_confidence))
                return usage_error("invalid confidence '%s'", optarg);
            break;
        case OPT_LENIENT_UTF8:
            c->flags |= QUOTE_OPT_LENIENT_UTF8;
            break;
        case OPT_EXPLAIN:
            c->flags |= QUOTE_OPT_EXPLAIN;
            c->explain = true;
            break;
        case OPT_NO_HEADLINE:
            c->flags |= QUOTE_OPT_NO_HEADLINE;
            break;
        case 'j':
            if (!parse_jobs(optarg, &c->jobs))
                return usage_error("invalid number of jobs '%s' (1 to 1024)", optarg);
            break;
        case OPT_PROGRESS:
            c->progress = true;
            break;
        case 'h':
            usage();
            return EXIT_OK;
        case 'V':
            printf("quotedump %s\n", quote_version());
            return EXIT_OK;
        default: /* getopt_long has printed the reason */
            return usage_error(NULL, NULL);
        }
    }
    return -1;
}

/* Colour only for people: the text format on a terminal, unless told. */
static bool want_color(const cli *c)
{
    if (c->format != QD_FORMAT_TEXT || c->color == COLOR_NEVER)
        return false;
    if (c->color == COLOR_ALWAYS)
        return true;
    const char *no_color = getenv("NO_COLOR"); /* https://no-color.org */
    const char *term = getenv("TERM");
    return isatty(STDOUT_FILENO) && !(no_color && *no_color) &&
           !(term && strcmp(term, "dumb") == 0);
}

/* Compile the extractor with the user's lexicons; NULL after a message. */
static quote_extractor *make_extractor(const cli *c)
{
    qd_lexicon lex = QD_LEXICON_INIT;
    quote_extractor *ex = NULL;
    for (int i = 0; i < c->nlexicons; i++) {
        int err = qd_lexicon_add(&lex, c->lexicons[i]);
        if (err) {
            fprintf(stderr, "quotedump: %s: %s\n", c->lexicons[i], strerror(err));
            goto out;
        }
    }
    quote_options opts = QUOTE_OPTIONS_INIT;
    opts.lexicon = lex.text.data;
    opts.lexicon_len = lex.text.len;
    quote_error qe;
    qe.message[0] = '\0';
    int rc = quote_extractor_new(&opts, &ex, &qe);
    if (rc == QUOTE_ELEXICON) {
        char where[512];
        qd_lexicon_locate(&lex, qe.offset, where, sizeof where);
        fprintf(stderr, "quotedump: %s: %s\n", where, qe.message[0] ? qe.message : quote_strerror(rc));
    } else if (rc != QUOTE_OK) {
        fprintf(stderr, "quotedump: cannot create the extractor: %s\n",
                qe.message[0] ? qe.message : quote_strerror(rc));
    }
out:
    qd_lexicon_free(&lex);
    return ex;
}

int main(int argc, char **argv)
{
    /* getopt_long names the program by argv[0] in its messages; make them
     * read like ours whatever path the tool was started by. */
    static char progname[] = "quotedump";
    argv[0] = progname;

    cli c = {QD_FORMAT_TEXT, false, COLOR_AUTO, 0.0, QUOTE_OPT_DEFAULT, false, default_jobs(),
             false, NULL, 0};
    c.lexicons = calloc((size_t)argc, sizeof *c.lexicons);
    if (!c.lexicons) {
        fputs("quotedump: out of memory\n", stderr);
        return EXIT_RUNTIME;
    }
    int status = parse_args(argc, argv, &c);
    if (status >= 0) {
        free(c.lexicons);
        if (fflush(stdout) != 0 || ferror(stdout)) /* --help into a full disk */
            return EXIT_RUNTIME;
        return status;
    }

    quote_extractor *ex = make_extractor(&c);
    free(c.lexicons);
    if (!ex)
        return EXIT_RUNTIME;

    char *const *files = argv + optind;
    int nfiles = argc - optind;
    qd_job job;
    job.ex = ex;
    job.flags = c.flags;
    job.render.format = c.format;
    job.render.color = want_color(&c);
    job.render.explain = c.explain;
    job.render.label = c.input_jsonl || nfiles > 1;
    job.render.min_confidence = c.min_confidence;

    /* Seed Jansson's hash function before any thread creates an object. */
    json_object_seed(0);

    qd_output out;
    qd_output_init(&out, stdout);
    qd_progress progress;
    qd_progress_start(&progress, c.progress);

    bool ok;
    if (c.input_jsonl) {
        qd_reader reader;
        qd_reader_init(&reader, files, nfiles);
        ok = qd_run_jsonl(&job, &reader, &out, &progress, c.jobs);
    } else {
        ok = qd_run_text(&job, files, nfiles, &out, &progress);
    }
    if (!qd_output_finish(&out))
        ok = false;
    quote_extractor_free(ex);
    return ok ? EXIT_OK : EXIT_RUNTIME;
}
