/* tests.h - the CLI test cases; main.c runs one by name. */
#ifndef CLI_TESTS_H
#define CLI_TESTS_H

/* Mark the running test as skipped (CTest reports it as such). */
void skip_test(const char *why);

#define CLI_TESTS(X)              \
    X(help)                       \
    X(version)                    \
    X(usage_errors)               \
    X(options_accepted)           \
    X(man_page)                   \
    X(format_json)                \
    X(format_jsonl)               \
    X(format_tsv)                 \
    X(tsv_escaping)               \
    X(format_text)                \
    X(explain)                    \
    X(color)                      \
    X(min_confidence)             \
    X(several_files)              \
    X(stdin)                      \
    X(lenient_utf8)               \
    X(lexicon)                    \
    X(write_error)                \
    X(seed)                       \
    X(jsonl_bad_records)          \
    X(filter_contract)            \
    X(parallel_identical)         \
    X(jsonl_as_json_array)        \
    X(jsonl_labels)               \
    X(progress)                   \
    X(json_roundtrip)             \
    X(jsonl_fast_path)

#define DECLARE(name) void test_##name(void);
CLI_TESTS(DECLARE)
#undef DECLARE

#endif
