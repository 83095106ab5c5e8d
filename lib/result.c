/* result.c - the caller-visible result of quote_extract().
 *
 * One allocation holds the quote array; a second holds every string the
 * quotes point to (speaker names, explanations), so freeing is two calls
 * through the extractor's allocator and nothing points into the input. */
#include <string.h>

#include "internal.h"

struct quote_result {
    quote_allocator alloc;
    quote_quote *quotes;
    size_t count;
    char *strings;
};

static size_t span_start(const work *w, size_t tok)
{
    return w->toks.items[tok].start;
}

int result_build(work *w, quote_result **out)
{
    const quote_allocator *a = w->a;
    size_t count = 0, bytes = 0;
    for (size_t i = 0; i < w->segs.count; i++) {
        const attribution *at = &w->attr[i];
        if (at->layout == -2)
            continue;
        count++;
        if (at->entity >= 0) {
            const entity *e = &w->ents[at->entity];
            bytes += e->name_end - e->name_start + 1;
        }
        if (w->explain)
            bytes += w->explain[i].len + 1;
    }
    quote_result *r = qa_calloc(a, 1, sizeof *r);
    if (!r)
        return QUOTE_ENOMEM;
    r->alloc = *a;
    r->quotes = qa_calloc(a, count ? count : 1, sizeof(quote_quote));
    r->strings = qa_malloc(a, bytes ? bytes : 1);
    /* dense entity numbers, in order of first appearance */
    int *dense = qa_malloc(a, (w->nents ? w->nents : 1) * sizeof(int));
    if (!r->quotes || !r->strings || !dense) {
        qa_free(a, dense);
        quote_result_free(r);
        return QUOTE_ENOMEM;
    }
    for (size_t e = 0; e < w->nents; e++)
        dense[e] = -1;
    int next_id = 0;
    size_t used = 0;
    for (size_t i = 0; i < w->segs.count; i++) {
        const attribution *at = &w->attr[i];
        if (at->layout == -2)
            continue;
        const segment *g = &w->segs.items[i];
        quote_quote *q = &r->quotes[r->count++];
        q->start = g->start;
        q->end = g->end;
        q->mention_start = q->mention_end = QUOTE_NO_SPAN;
        q->cue_start = q->cue_end = QUOTE_NO_SPAN;
        if (at->m_start != SIZE_MAX && at->m_end > at->m_start) {
            q->mention_start = span_start(w, at->m_start);
            q->mention_end = w->toks.items[at->m_end - 1].end;
        }
        if (at->cue != SIZE_MAX) {
            q->cue_start = span_start(w, at->cue);
            q->cue_end = w->toks.items[at->cue].end;
        }
        q->speaker = NULL;
        q->entity = -1;
        if (at->entity >= 0) {
            const entity *e = &w->ents[at->entity];
            if (dense[at->entity] < 0)
                dense[at->entity] = next_id++;
            q->entity = dense[at->entity];
            size_t n = e->name_end - e->name_start;
            memcpy(r->strings + used, w->text + e->name_start, n);
            r->strings[used + n] = '\0';
            q->speaker = r->strings + used;
            used += n + 1;
        }
        q->kind = at->kind;
        q->rule = at->rule;
        q->confidence = at->confidence;
        q->explanation = NULL;
        if (w->explain) {
            size_t n = w->explain[i].len;
            if (n)
                memcpy(r->strings + used, w->explain[i].data, n);
            r->strings[used + n] = '\0';
            q->explanation = r->strings + used;
            used += n + 1;
        }
    }
    qa_free(a, dense);
    *out = r;
    return QUOTE_OK;
}

size_t quote_result_count(const quote_result *res)
{
    return res ? res->count : 0;
}

const quote_quote *quote_result_get(const quote_result *res, size_t i)
{
    if (!res || i >= res->count)
        return NULL;
    return &res->quotes[i];
}

void quote_result_free(quote_result *res)
{
    if (!res)
        return;
    quote_allocator a = res->alloc;
    qa_free(&a, res->quotes);
    qa_free(&a, res->strings);
    qa_free(&a, res);
}

const char *quote_kind_name(quote_kind kind)
{
    switch (kind) {
    case QUOTE_KIND_DIRECT:
        return "direct";
    case QUOTE_KIND_PARTIAL:
        return "partial";
    case QUOTE_KIND_CONTINUATION:
        return "continuation";
    case QUOTE_KIND_HEADLINE:
        return "headline";
    }
    return "unknown";
}
