/* qingdan._fastnames: the most similar earlier name of each name in one list, in C.

   closest(keys, threshold) -> [(i, j), ...]: for each key i (by i), the earlier key j < i whose Indel similarity
   to it (rapidfuzz's fuzz.ratio: 100 * 2 * LCS / (len_i + len_j), 100 for two empty keys) is the highest and at
   least ``threshold`` - 1e-6, the first of equally similar ones; keys with no such j are left out. The caller
   (qingdan.text.closest_earlier) scores each answer with rapidfuzz itself and drops those below ``threshold``:
   the similarity is a function of the fraction 2 * LCS / lengths alone, so comparing fractions exactly here
   finds the pair rapidfuzz's own best would be, and the score and the cut at ``threshold`` stay rapidfuzz's.

   It compares every pair, made cheap so that the 300-name lists of a province's streets cost well under a
   millisecond: pairs whose lengths cannot reach the threshold or the best found so far are skipped, then those
   whose characters cannot (a character of one key that the other lacks is a character outside every common
   subsequence: a bound from 256-bit sets of the characters), and the longest common subsequence of the rest is
   counted 64 characters at a time (Allison and Dix's bit-vector algorithm, as in Hyyrö 2004).

   Longer lists do not compare every pair: only pairs that share a character among the rarest of either
   (prefix filtering, as in Bayardo, Ma and Srikant's All-Pairs, 2007). A key of length l can reach the
   threshold t only with a partner it has at least a = ceil(t l / (2 - t)) characters in common with (2 LCS >=
   t (l + l') and l' >= LCS); counting each character's second, third ... occurrence as a character of its own,
   two keys with at least a of them in common share one among each key's l - a + 1 rarest (the rarest of the
   whole list first). So each key is compared only with the earlier keys that hold one of its rarest characters
   among their own rarest, in the order of the list, exactly as when every pair is compared: the same answers. */

#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdint.h>
#include <string.h>

typedef struct {
    Py_ssize_t len, at;  /* length in characters, where its characters start in ``chars`` */
    uint64_t set[4];  /* which characters it holds, by dense code modulo 256 */
} Key;

/* Dense codes: every distinct code point of the keys gets 0, 1, 2 ... (open addressing, size a power of 2). */
typedef struct {
    Py_UCS4 *cp;
    int32_t *code;
    size_t mask;
    int32_t n;
} Codes;

static int32_t dense(Codes *c, Py_UCS4 ch) {
    size_t h = ((size_t)ch * 0x9E3779B1u) & c->mask;
    while (c->code[h] >= 0) {
        if (c->cp[h] == ch) return c->code[h];
        h = (h + 1) & c->mask;
    }
    c->cp[h] = ch;
    return c->code[h] = c->n++;
}

/* The length of a longest common subsequence of a (whose match vectors, ``words`` 64-bit words for each dense
   code, are in ``pm``) and b. */
static inline __attribute__((always_inline)) Py_ssize_t lcs(const uint64_t *pm, Py_ssize_t words, const int32_t *b, Py_ssize_t lb, uint64_t *row) {
    for (Py_ssize_t w = 0; w < words; w++) row[w] = ~(uint64_t)0;
    for (Py_ssize_t k = 0; k < lb; k++) {
        const uint64_t *m = pm + (size_t)b[k] * (size_t)words;
        uint64_t carry = 0;
        for (Py_ssize_t w = 0; w < words; w++) {
            uint64_t s = row[w], u = s & m[w];
            uint64_t sum = s + u;
            uint64_t c1 = sum < s;
            uint64_t x = sum + carry;
            uint64_t c2 = x < sum;
            carry = c1 | c2;
            row[w] = x | (s - u);
        }
    }
    Py_ssize_t zeros = 0;
    for (Py_ssize_t w = 0; w < words; w++) zeros += __builtin_popcountll(~row[w]);
    return zeros;
}

static inline __attribute__((always_inline)) int missing(const uint64_t *a, const uint64_t *b) {  /* characters of a's set that b's lacks */
    return __builtin_popcountll(a[0] & ~b[0]) + __builtin_popcountll(a[1] & ~b[1]) +
           __builtin_popcountll(a[2] & ~b[2]) + __builtin_popcountll(a[3] & ~b[3]);
}

/* Where the processor has a popcount instruction, the search is compiled a second time to use it (3x faster: the
   bound from the characters' sets counts bits for every pair); the loader picks the version that runs here. */
#if defined(__GNUC__) && !defined(__clang__) && defined(__x86_64__) && defined(__linux__)
#define FAST_COUNT __attribute__((target_clones("popcnt", "default")))
#else
#define FAST_COUNT
#endif

/* The best earlier key for key i, as closest() tells it (-1: none reaches t): the most similar, the first of
   equally similar ones. The candidates are cand[0..nc), earlier keys in any order, or with ``cand`` NULL every
   key before i (nc = i), in order: then an equal key ends the search, nothing later can beat it. ``pm`` (all zero
   before and after) holds key i's match vectors meanwhile. */
static inline __attribute__((always_inline)) Py_ssize_t best_of(const Key *keys, const int32_t *chars, Py_ssize_t i,
                                                               const int32_t *cand, Py_ssize_t nc, uint64_t *pm,
                                                               Py_ssize_t words, uint64_t *row, double t) {
    const Key *a = &keys[i];
    const int32_t *ac = chars + a->at;
    for (Py_ssize_t c = 0; c < a->len; c++) pm[(size_t)ac[c] * (size_t)words + (size_t)(c >> 6)] |= (uint64_t)1 << (c & 63);
    Py_ssize_t best = -1, best_lcs = 0, best_sum = 1;  /* the best fraction so far: 2 * best_lcs / best_sum */
    for (Py_ssize_t x = 0; x < nc; x++) {
        Py_ssize_t j = cand ? cand[x] : x;
        const Key *b = &keys[j];
        Py_ssize_t sum = a->len + b->len;
        /* whether an upper bound ``u`` of the LCS could still beat the best so far (an equal one only from earlier):
           first from the lengths, then from the characters one key lacks, then the LCS itself */
#define BEATEN(u) (2.0 * (double)(u) < t * (double)sum || \
                   (best >= 0 && ((u) * best_sum < best_lcs * sum || ((u) * best_sum == best_lcs * sum && j > best))))
        Py_ssize_t bound = a->len < b->len ? a->len : b->len;
        if (BEATEN(bound)) continue;
        Py_ssize_t ba = a->len - missing(a->set, b->set), bb = b->len - missing(b->set, a->set);
        bound = ba < bb ? ba : bb;
        if (BEATEN(bound)) continue;
        Py_ssize_t common = lcs(pm, words, chars + b->at, b->len, row);
        if (BEATEN(common)) continue;
#undef BEATEN
        best = j;
        best_lcs = common;
        best_sum = sum;
        if (!cand && 2 * common == sum) break;  /* equal keys (or two empty ones): nothing later is more similar */
    }
    for (Py_ssize_t c = 0; c < a->len; c++) pm[(size_t)ac[c] * (size_t)words + (size_t)(c >> 6)] = 0;
    return best;
}

/* found[i]: the best earlier j for key i, comparing every pair. */
FAST_COUNT static void search(const Key *keys, const int32_t *chars, Py_ssize_t n, uint64_t *pm, Py_ssize_t words,
                              uint64_t *row, double t, Py_ssize_t *found) {
    found[0] = -1;
    for (Py_ssize_t i = 1; i < n; i++) found[i] = best_of(keys, chars, i, NULL, i, pm, words, row, t);
}

static int by_int64(const void *x, const void *y) {
    int64_t a = *(const int64_t *)x, b = *(const int64_t *)y;
    return (a > b) - (a < b);
}

static int by_int(const void *x, const void *y) {
    int32_t a = *(const int32_t *)x, b = *(const int32_t *)y;
    return (a > b) - (a < b);
}

/* search() with prefix filtering (see the top). ``ranked``: each key's characters as ranks (rarest 0), sorted;
   ``prefix[i]``: how many of them go into the index; ``start``: where each rank's list of keys begins in
   ``posting`` (``fill``: how far it is filled). Empty keys are only as similar as another empty key. */
FAST_COUNT static void search_prefix(const Key *keys, const int32_t *chars, const int32_t *ranked,
                                     const int32_t *prefix, Py_ssize_t n, uint64_t *pm, Py_ssize_t words,
                                     uint64_t *row, double t, const Py_ssize_t *start, Py_ssize_t *fill,
                                     int32_t *posting, int32_t *stamp, int32_t *cand, Py_ssize_t *found) {
    Py_ssize_t first_empty = -1;
    for (Py_ssize_t i = 0; i < n; i++) stamp[i] = -1;
    for (Py_ssize_t i = 0; i < n; i++) {
        const Key *a = &keys[i];
        found[i] = -1;
        if (a->len == 0) {
            if (first_empty < 0) first_empty = i;
            else found[i] = first_empty;
            continue;
        }
        const int32_t *mine = ranked + a->at;
        Py_ssize_t nc = 0;
        for (int32_t p = 0; p < prefix[i]; p++) {
            int32_t r = mine[p];
            const int32_t *list = posting + 2 * start[r];
            Py_ssize_t m = fill[r] - start[r];
            for (Py_ssize_t x = 0; x < m; x++) {
                int32_t j = list[2 * x];
                if (stamp[j] == (int32_t)i) continue;
                stamp[j] = (int32_t)i;
                /* their first common character (the rarest: the first met): no more in common than what follows
                   it in the shorter remainder (positional filtering, Xiao et al.'s PPJoin, 2008) */
                Py_ssize_t lb = keys[j].len, after_a = a->len - p - 1, after_b = lb - list[2 * x + 1] - 1;
                Py_ssize_t most = 1 + (after_a < after_b ? after_a : after_b);
                if (2.0 * (double)most >= t * (double)(a->len + lb)) cand[nc++] = j;
            }
        }
        for (int32_t p = 0; p < prefix[i]; p++) {
            Py_ssize_t at = fill[mine[p]]++;
            posting[2 * at] = (int32_t)i;
            posting[2 * at + 1] = p;
        }
        if (nc > 0) found[i] = best_of(keys, chars, i, cand, nc, pm, words, row, t);
    }
}

/* The ranks (rarest 0) of every key's characters, each occurrence after a key's first of a character counted as
   a character of its own, sorted within each key into ``ranked``; and how many of each key's go into the index.
   Returns 0, or -1 when memory ran out. */
static int rank_keys(const Key *keys, const int32_t *chars, Py_ssize_t n, Py_ssize_t total, int32_t ncodes, double t,
                     int32_t *ranked, int32_t *prefix, int32_t *nranks) {
    size_t slots = 64;
    int bits = 6;
    while (slots < 2 * (size_t)total + 2) {
        slots <<= 1;
        bits++;
    }
    uint64_t *tkey = PyMem_Malloc(slots * sizeof(uint64_t));
    int32_t *tid = PyMem_Malloc(slots * sizeof(int32_t));
    int32_t *occ = PyMem_Calloc((size_t)ncodes + 1, sizeof(int32_t));
    int64_t *freq = PyMem_Calloc((size_t)total + 1, sizeof(int64_t));
    int32_t *rank = PyMem_Malloc(((size_t)total + 1) * sizeof(int32_t));
    int rc = -1;
    if (tkey == NULL || tid == NULL || occ == NULL || freq == NULL || rank == NULL) goto out;
    memset(tid, 0xff, slots * sizeof(int32_t));
    int32_t ntok = 0;
    for (Py_ssize_t i = 0; i < n; i++) {
        const Key *k = &keys[i];
        const int32_t *kc = chars + k->at;
        for (Py_ssize_t c = 0; c < k->len; c++) {
            uint64_t want = ((uint64_t)(uint32_t)kc[c] << 32) | (uint32_t)occ[kc[c]]++;
            size_t h = (size_t)((want * 0x9E3779B97F4A7C15ull) >> (64 - bits));  /* the product's top bits */
            while (tid[h] >= 0 && tkey[h] != want) h = (h + 1) & (slots - 1);
            if (tid[h] < 0) {
                tkey[h] = want;
                tid[h] = ntok++;
            }
            ranked[k->at + c] = tid[h];
            freq[tid[h]]++;
        }
        for (Py_ssize_t c = 0; c < k->len; c++) occ[kc[c]] = 0;
    }
    /* rank: by frequency, then by token: a counting sort over frequencies would do, a sort of (freq, id) is simpler */
    for (int32_t x = 0; x < ntok; x++) freq[x] = (freq[x] << 32) | x;
    qsort(freq, (size_t)ntok, sizeof(int64_t), by_int64);
    for (int32_t x = 0; x < ntok; x++) rank[freq[x] & 0xffffffff] = x;
    for (Py_ssize_t i = 0; i < n; i++) {
        const Key *k = &keys[i];
        int32_t *kr = ranked + k->at;
        for (Py_ssize_t c = 0; c < k->len; c++) kr[c] = rank[kr[c]];
        if (k->len > 32) {
            qsort(kr, (size_t)k->len, sizeof(int32_t), by_int);
        } else {  /* a name's few characters: insertion sort is faster than qsort's calls */
            for (Py_ssize_t c = 1; c < k->len; c++) {
                int32_t v = kr[c];
                Py_ssize_t d = c;
                for (; d > 0 && kr[d - 1] > v; d--) kr[d] = kr[d - 1];
                kr[d] = v;
            }
        }
        /* at least ``need`` characters in common with any partner (a little fewer: rounding never loses a pair) */
        double need = t * (double)k->len / (2.0 - t) - 1e-9;
        Py_ssize_t a = (Py_ssize_t)need;
        if ((double)a < need) a++;
        if (a < 1) a = 1;
        Py_ssize_t p = k->len - a + 1;
        prefix[i] = (int32_t)(p < 0 ? 0 : (p > k->len ? k->len : p));
    }
    *nranks = ntok;
    rc = 0;
out:
    PyMem_Free(tkey);
    PyMem_Free(tid);
    PyMem_Free(occ);
    PyMem_Free(freq);
    PyMem_Free(rank);
    return rc;
}

/* Fewer keys are compared pair by pair: the index costs more than it saves (about even at 100 names of the
   benchmark's, 4.6 ms against 1.5 ms at 1,000 and 130 against 26 at 6,000). */
#ifndef PREFIX_FROM
#define PREFIX_FROM 100
#endif

/* search_prefix() with its index made; 0, or -1 when memory ran out. */
static int filtered(const Key *keys, const int32_t *chars, Py_ssize_t n, Py_ssize_t total, int32_t ncodes,
                    uint64_t *pm, Py_ssize_t words, uint64_t *row, double t, Py_ssize_t *found) {
    int32_t *ranked = PyMem_Malloc(((size_t)total + 1) * sizeof(int32_t));
    int32_t *prefix = PyMem_Malloc((size_t)n * sizeof(int32_t));
    int32_t *posting = PyMem_Malloc(2 * ((size_t)total + 1) * sizeof(int32_t));  /* (key, where in its ranks) */
    int32_t *stamp = PyMem_Malloc((size_t)n * sizeof(int32_t));
    int32_t *cand = PyMem_Malloc((size_t)n * sizeof(int32_t));
    Py_ssize_t *start = NULL, *fill = NULL;
    int32_t nranks = 0;
    int rc = -1;
    if (ranked == NULL || prefix == NULL || posting == NULL || stamp == NULL || cand == NULL) goto out;
    if (rank_keys(keys, chars, n, total, ncodes, t, ranked, prefix, &nranks) < 0) goto out;
    start = PyMem_Calloc((size_t)nranks + 1, sizeof(Py_ssize_t));
    fill = PyMem_Malloc(((size_t)nranks + 1) * sizeof(Py_ssize_t));
    if (start == NULL || fill == NULL) goto out;
    for (Py_ssize_t i = 0; i < n; i++)
        for (int32_t p = 0; p < prefix[i]; p++) start[ranked[keys[i].at + p] + 1]++;
    for (int32_t r = 0; r < nranks; r++) start[r + 1] += start[r];
    memcpy(fill, start, ((size_t)nranks + 1) * sizeof(Py_ssize_t));
    search_prefix(keys, chars, ranked, prefix, n, pm, words, row, t, start, fill, posting, stamp, cand, found);
    rc = 0;
out:
    PyMem_Free(ranked);
    PyMem_Free(prefix);
    PyMem_Free(posting);
    PyMem_Free(stamp);
    PyMem_Free(cand);
    PyMem_Free(start);
    PyMem_Free(fill);
    return rc;
}

static PyObject *closest(PyObject *Py_UNUSED(self), PyObject *args) {
    PyObject *list;
    double threshold;
    if (!PyArg_ParseTuple(args, "O!d", &PyList_Type, &list, &threshold)) return NULL;
    Py_ssize_t n = PyList_GET_SIZE(list), total = 0, longest = 0;
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *s = PyList_GET_ITEM(list, i);
        if (!PyUnicode_Check(s)) {
            PyErr_SetString(PyExc_TypeError, "closest: keys must be str");
            return NULL;
        }
        Py_ssize_t len = PyUnicode_GET_LENGTH(s);
        total += len;
        if (len > longest) longest = len;
    }
    PyObject *out = PyList_New(0);
    if (out == NULL || n < 2) return out;
    /* the fraction 2 * LCS / lengths must reach t (a little below the threshold: rapidfuzz has the last word) */
    double t = (threshold - 1e-6) / 100.0;
    if (t < 0) t = 0;
    Key *keys = PyMem_Calloc((size_t)n, sizeof(Key));
    int32_t *chars = PyMem_Malloc(((size_t)total + 1) * sizeof(int32_t));
    size_t slots = 64;
    while (slots < 2 * (size_t)total + 2) slots <<= 1;
    Codes codes = {PyMem_Malloc(slots * sizeof(Py_UCS4)), PyMem_Malloc(slots * sizeof(int32_t)), slots - 1, 0};
    Py_ssize_t words = (longest + 63) / 64;
    if (words < 1) words = 1;
    Py_ssize_t *found = NULL;
    uint64_t *pm = NULL, *row = PyMem_Malloc((size_t)words * sizeof(uint64_t));
    if (keys == NULL || chars == NULL || codes.cp == NULL || codes.code == NULL || row == NULL) {
        PyErr_NoMemory();
        goto fail;
    }
    memset(codes.code, 0xff, slots * sizeof(int32_t));
    Py_ssize_t at = 0;
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *s = PyList_GET_ITEM(list, i);
        int kind = PyUnicode_KIND(s);
        const void *data = PyUnicode_DATA(s);
        Key *k = &keys[i];
        k->len = PyUnicode_GET_LENGTH(s);
        k->at = at;
        for (Py_ssize_t c = 0; c < k->len; c++) {
            int32_t d = dense(&codes, PyUnicode_READ(kind, data, c));
            chars[at++] = d;
            k->set[(d >> 6) & 3] |= (uint64_t)1 << (d & 63);
        }
    }
    pm = PyMem_Calloc((size_t)codes.n * (size_t)words + 1, sizeof(uint64_t));
    if (pm == NULL) {
        PyErr_NoMemory();
        goto fail;
    }
    found = PyMem_Malloc((size_t)n * sizeof(Py_ssize_t));
    if (found == NULL) {
        PyErr_NoMemory();
        goto fail;
    }
    if (n < PREFIX_FROM || t <= 0) {
        search(keys, chars, n, pm, words, row, t, found);
    } else if (filtered(keys, chars, n, total, codes.n, pm, words, row, t, found) < 0) {
        PyErr_NoMemory();
        goto fail;
    }
    for (Py_ssize_t i = 1; i < n; i++) {
        if (found[i] < 0) continue;
        PyObject *pair = Py_BuildValue("(nn)", i, found[i]);
        if (pair == NULL || PyList_Append(out, pair) < 0) {
            Py_XDECREF(pair);
            goto fail;
        }
        Py_DECREF(pair);
    }
    goto done;
fail:
    Py_CLEAR(out);
done:
    PyMem_Free(keys);
    PyMem_Free(chars);
    PyMem_Free(codes.cp);
    PyMem_Free(codes.code);
    PyMem_Free(pm);
    PyMem_Free(row);
    PyMem_Free(found);
    return out;
}

static PyMethodDef METHODS[] = {
    {"closest", closest, METH_VARARGS,
     "closest(keys, threshold) -> [(i, j)]: each key's most similar earlier key, if about threshold similar."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef MODULE = {PyModuleDef_HEAD_INIT, "_fastnames", NULL, -1, METHODS, NULL, NULL, NULL, NULL};

PyMODINIT_FUNC PyInit__fastnames(void) { return PyModule_Create(&MODULE); }
