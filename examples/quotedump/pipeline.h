/*
 * pipeline.h - process JSON Lines input, in parallel, in input order.
 *
 * The main thread reads lines into a ring of slots and writes finished
 * slots in input order; `jobs - 1` worker threads parse, extract and render
 * each slot into the slot's own buffer, and so does the main thread while
 * the ring is full, so that `jobs` threads compute on `jobs` cores without
 * a reader thread taking turns with them.  At most `8 * jobs` records are in flight, so
 * memory stays bounded whatever the input size: a constant plus the ring's
 * line and output buffers (each shrunk back after an unusually large
 * record).  With jobs == 1 no thread is started.
 */
#ifndef QD_PIPELINE_H
#define QD_PIPELINE_H

#include <stdbool.h>

#include "output.h"
#include "progress.h"
#include "reader.h"
#include "record.h"

/*
 * Process every line of `reader` and write the results to `out`.  Blank
 * lines are skipped; every other line gives exactly one output record
 * (a result or an error record) in JSON formats.  Returns false when a
 * record was bad (reported on stderr as "quotedump: FILE:LINE: message"),
 * when a thread could not be started, or when writing failed.
 */
bool qd_run_jsonl(const qd_job *job, qd_reader *reader, qd_output *out, qd_progress *progress,
                  int jobs);

#endif
