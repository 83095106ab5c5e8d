/*
 * main.c - run one CLI test case by name (CTest registers each case as its
 * own test) or all of them.
 *
 * Usage: quotedump_cli_test QUOTEDUMP DATA_DIR WORK_DIR SEED_DIR MAN_PAGE [TEST]
 * Exit: 0 passed, 1 failed, 77 skipped, 99 broken environment.
 */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "harness.h"
#include "tests.h"

static bool skipped;

void skip_test(const char *why)
{
    fprintf(stderr, "skipped: %s\n", why);
    skipped = true;
}

static const struct {
    const char *name;
    void (*fn)(void);
} tests[] = {
#define ENTRY(name) {#name, test_##name},
    CLI_TESTS(ENTRY)
#undef ENTRY
};

int main(int argc, char **argv)
{
    if (argc < 6) {
        fprintf(stderr, "usage: %s QUOTEDUMP DATA_DIR WORK_DIR SEED_DIR MAN_PAGE [TEST]\n", argv[0]);
        return 99;
    }
    env.quotedump = argv[1];
    env.data_dir = argv[2];
    env.work_dir = argv[3];
    env.seed_dir = argv[4];
    env.man_page = argv[5];
    const char *only = argc > 6 ? argv[6] : NULL;
    mkdir(env.work_dir, 0755); /* may exist already */

    bool found = false;
    for (size_t i = 0; i < sizeof tests / sizeof tests[0]; i++) {
        if (only && strcmp(only, tests[i].name) != 0)
            continue;
        found = true;
        int before = failures;
        tests[i].fn();
        printf("%s %s\n", failures > before ? "FAIL" : "ok  ", tests[i].name);
    }
    if (!found) {
        fprintf(stderr, "no test named %s\n", only);
        return 99;
    }
    if (failures)
        return 1;
    return skipped && only ? 77 : 0;
}
