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
   counted 64 characters at a time (Allison and Dix's bit-vector algorithm, as in Hyyrö 2004). */

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

/* found[i]: the best earlier j for key i (-1: none reaches t), as closest() tells it. */
FAST_COUNT static void search(const Key *keys, const int32_t *chars, Py_ssize_t n, uint64_t *pm, Py_ssize_t words,
                              uint64_t *row, double t, Py_ssize_t *found) {
    found[0] = -1;
    for (Py_ssize_t i = 1; i < n; i++) {
        const Key *a = &keys[i];
        const int32_t *ac = chars + a->at;
        for (Py_ssize_t c = 0; c < a->len; c++) pm[(size_t)ac[c] * (size_t)words + (size_t)(c >> 6)] |= (uint64_t)1 << (c & 63);
        Py_ssize_t best = -1, best_lcs = 0, best_sum = 1;  /* the best fraction so far: 2 * best_lcs / best_sum */
        for (Py_ssize_t j = 0; j < i; j++) {
            const Key *b = &keys[j];
            Py_ssize_t sum = a->len + b->len;
            if (sum == 0) {  /* two empty keys: 100, nothing is more similar */
                best = j;
                break;
            }
            /* an upper bound of LCS, first from the lengths, then from the characters one key lacks */
            Py_ssize_t bound = a->len < b->len ? a->len : b->len;
            if (2.0 * (double)bound < t * (double)sum || (best >= 0 && bound * best_sum <= best_lcs * sum)) continue;
            Py_ssize_t ba = a->len - missing(a->set, b->set), bb = b->len - missing(b->set, a->set);
            bound = ba < bb ? ba : bb;
            if (2.0 * (double)bound < t * (double)sum || (best >= 0 && bound * best_sum <= best_lcs * sum)) continue;
            Py_ssize_t common = lcs(pm, words, chars + b->at, b->len, row);
            if (2.0 * (double)common < t * (double)sum || (best >= 0 && common * best_sum <= best_lcs * sum)) continue;
            best = j;
            best_lcs = common;
            best_sum = sum;
            if (2 * common == sum) break;  /* equal keys: nothing is more similar */
        }
        for (Py_ssize_t c = 0; c < a->len; c++) pm[(size_t)ac[c] * (size_t)words + (size_t)(c >> 6)] = 0;
        found[i] = best;
    }
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
    search(keys, chars, n, pm, words, row, t, found);
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
