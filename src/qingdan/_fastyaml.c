/* qingdan._fastyaml: a reader for the plain block YAML that list files are written in, or nothing.

   loads(text) -> dict (text: str, or bytes in UTF-8 with or without a BOM), or None when the text holds anything
   outside the small dialect below; qingdan then reads the file with its other loaders (qingdan/load.py), which
   explain every problem with a position. loads(text, True) -> (data, marks, seq_marks), the positions as the
   builder keeps them (line and column from 1, columns in characters). This reader
   never reports anything and never guesses: where the data could mean something else to libyaml's reading (the
   builder in load.py, the reference), it refuses. The tests hold it against the builder on every corpus file and
   on generated documents (tests/test_native_loader.py).

   The dialect:
   * block mappings whose keys are ASCII names ([A-Za-z_][A-Za-z0-9_]*) followed by ": " or a line end; no key
     twice in a mapping;
   * block sequences ("- "), of scalars, of mappings ("- id: x" and the lines below at the key's column) or of
     nested nodes on the lines below; a sequence may sit at its key's own indentation;
   * scalars on one line: plain, 'single-quoted' ('' is '), "double-quoted" without backslashes; the flow
     sequence [a, 'b', "c"] of such scalars, [] and {};
   * comments: whole lines and " #" after a value; blank lines; "\n" line ends.
   Refused: tabs, carriage returns and every character libyaml refuses or reads as a line break; anchors,
   aliases, tags, directives, document markers, block scalars (| >), scalars over several lines, nested flow
   collections, plain values that start with an indicator, hold ": " or end in ":", and plain values that YAML 1.1
   or the builder read otherwise (yes/no/on/off, numbers with leading zeros, underscores, exponents, dots,
   sexagesimal, hexadecimal and octal, .inf and .nan; integers longer than 18 digits).
   Plain values resolve as the builder resolves them: ~ null Null NULL -> None, true/false in three spellings ->
   bool, [-+]?(0|[1-9][0-9]*) -> int, everything else (dates such as 2023-07-01 included) -> text. */

#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <string.h>

#define MAX_DEPTH 60  /* the builder reports nesting beyond 64; stay below it */
#define CACHE_SIZE 4096  /* recent short texts (keys, roles, departments): one object for each */
#define CACHE_MAX_LEN 48

typedef struct {
    Py_ssize_t off, len;
    PyObject *obj;
} Slot;

typedef struct {
    const unsigned char *s;
    Py_ssize_t n;
    Py_ssize_t next;  /* where the line after the current one starts */
    Py_ssize_t ls, le, ind, c;  /* the current content line: start, end ('\n' or n), indentation, first content */
    int eof;
    int refused;  /* set when NULL is returned without an exception: not this reader's dialect */
    int depth;
    Slot *cache;
    Py_ssize_t line, next_line;  /* the current content line's number (0-based), the next line's */
    PyObject *marks, *seqs;  /* with positions: as qingdan.load.Parsed keeps them; NULL without */
    Py_ssize_t col_ls, col_at, col;  /* the last column counted: a long line is counted once, not per value */
} P;

#define REFUSE(p) do { (p)->refused = 1; return NULL; } while (0)

/* Skip blank and comment lines from p->next: the next content line, or eof. */
static void advance(P *p) {
    const unsigned char *s = p->s;
    while (p->next < p->n) {
        Py_ssize_t ls = p->next;
        p->line = p->next_line++;
        const unsigned char *nl = memchr(s + ls, '\n', (size_t)(p->n - ls));
        Py_ssize_t le = nl ? (Py_ssize_t)(nl - s) : p->n;
        Py_ssize_t c = ls;
        while (c < le && s[c] == ' ') c++;
        p->next = le + 1;
        if (c == le || s[c] == '#') continue;
        p->ls = ls; p->le = le; p->c = c; p->ind = c - ls;
        return;
    }
    p->eof = 1;
    p->ls = p->le = p->c = p->n;
    p->ind = -1;
}

/* (line, column) from 1 of ``at`` on the current line, as libyaml counts them: columns in characters. */
static PyObject *position(P *p, Py_ssize_t at) {
    Py_ssize_t from = p->ls, col = 0;
    if (p->col_ls == p->ls && p->col_at <= at && p->col_at > 0) {  /* further along the same line */
        from = p->col_at;
        col = p->col;
    }
    for (Py_ssize_t i = from; i < at; i++) col += (p->s[i] & 0xc0) != 0x80;
    p->col_ls = p->ls;
    p->col_at = at;
    p->col = col;
    return Py_BuildValue("(nn)", p->line + 1, col + 1);
}

/* With positions: marks[id(mapping)] = (its position, keys) where keys is returned (borrowed) for the caller to
   fill; seqs[id(sequence)] = its elements' positions, the list returned (borrowed). */
static PyObject *remember(P *p, PyObject *container, Py_ssize_t at, int map) {
    PyObject *id = PyLong_FromVoidPtr(container);
    if (id == NULL) return NULL;
    PyObject *inner = map ? PyDict_New() : PyList_New(0);
    PyObject *value = NULL;
    if (inner != NULL) {
        if (map) {
            PyObject *pos = position(p, at);
            value = pos ? PyTuple_Pack(2, pos, inner) : NULL;
            Py_XDECREF(pos);
        } else {
            value = inner;
            Py_INCREF(value);
        }
    }
    int bad = value == NULL || PyDict_SetItem(map ? p->marks : p->seqs, id, value) < 0;
    Py_DECREF(id);
    Py_XDECREF(value);
    Py_XDECREF(inner);  /* the marks keep it */
    return bad ? NULL : inner;
}

static int mark_at(P *p, PyObject *into, PyObject *key, Py_ssize_t at) {
    PyObject *pos = position(p, at);
    if (pos == NULL) return -1;
    int bad = key ? PyDict_SetItem(into, key, pos) : PyList_Append(into, pos);
    Py_DECREF(pos);
    return bad;
}

static int is_dash(const P *p, Py_ssize_t at) {
    return p->s[at] == '-' && (at + 1 == p->le || p->s[at + 1] == ' ');
}

static int name_start(unsigned char ch) {
    return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || ch == '_';
}

static int name_char(unsigned char ch) {
    return name_start(ch) || (ch >= '0' && ch <= '9');
}

/* The end of the key at ``at`` (the index of its ':'), or -1 when no "name: " / "name:" + line end is there. */
static Py_ssize_t key_end(const P *p, Py_ssize_t at) {
    const unsigned char *s = p->s;
    if (!name_start(s[at])) return -1;
    Py_ssize_t i = at + 1;
    while (i < p->le && name_char(s[i])) i++;
    if (i >= p->le || s[i] != ':') return -1;
    if (i + 1 < p->le && s[i + 1] != ' ') return -1;
    return i;
}

static PyObject *text(P *p, Py_ssize_t a, Py_ssize_t b, int intern) {
    Py_ssize_t len = b - a;
    Slot *slot = NULL;
    if (len <= CACHE_MAX_LEN) {
        unsigned int h = 2166136261u;
        for (Py_ssize_t i = a; i < b; i++) h = (h ^ p->s[i]) * 16777619u;
        slot = &p->cache[h & (CACHE_SIZE - 1)];
        if (slot->obj && slot->len == len && memcmp(p->s + slot->off, p->s + a, (size_t)len) == 0) {
            Py_INCREF(slot->obj);
            return slot->obj;
        }
    }
    PyObject *out = PyUnicode_DecodeUTF8((const char *)p->s + a, len, "strict");
    if (out == NULL) return NULL;
    if (intern) PyUnicode_InternInPlace(&out);
    if (slot) {
        Py_XDECREF(slot->obj);
        Py_INCREF(out);
        slot->obj = out; slot->off = a; slot->len = len;
    }
    return out;
}

static int word(const unsigned char *v, Py_ssize_t len, const char *const *words) {
    for (; *words; words++)
        if ((Py_ssize_t)strlen(*words) == len && memcmp(v, *words, (size_t)len) == 0) return 1;
    return 0;
}

static const char *const NULLS[] = {"null", "Null", "NULL", "~", NULL};
static const char *const TRUES[] = {"true", "True", "TRUE", NULL};
static const char *const FALSES[] = {"false", "False", "FALSE", NULL};
static const char *const YAML11[] = {"y", "Y", "yes", "Yes", "YES", "n", "N", "no", "No", "NO",
                                     "on", "On", "ON", "off", "Off", "OFF", NULL};

/* A plain scalar's value, as the builder resolves it; NULL + refused where the builder would report it or this
   reader is not sure. */
static PyObject *plain(P *p, Py_ssize_t a, Py_ssize_t b) {
    const unsigned char *v = p->s + a;
    Py_ssize_t len = b - a;
    unsigned char first = v[0];
    if (first >= 0x80) return text(p, a, b, 0);
    if (word(v, len, NULLS)) Py_RETURN_NONE;
    if (word(v, len, TRUES)) Py_RETURN_TRUE;
    if (word(v, len, FALSES)) Py_RETURN_FALSE;
    if (word(v, len, YAML11)) REFUSE(p);
    if (first == '.') REFUSE(p);  /* .5, .inf, .nan: numbers to YAML 1.2 tools, text to the builder */
    if (!((first >= '0' && first <= '9') || first == '+' || first == '-' || first == '.')) return text(p, a, b, 0);
    Py_ssize_t i = (first == '+' || first == '-') ? 1 : 0;
    Py_ssize_t j = i;
    while (j < len && v[j] >= '0' && v[j] <= '9') j++;
    if (j == len && j > i) {  /* an integer */
        if (j - i > 1 && v[i] == '0') REFUSE(p);  /* 012: octal to YAML 1.1 */
        if (len > 18) REFUSE(p);
        long long n = 0;
        for (Py_ssize_t k = i; k < len; k++) n = n * 10 + (v[k] - '0');
        return PyLong_FromLongLong(first == '-' ? -n : n);
    }
    int dashes = 1, numberish = 1;
    for (Py_ssize_t k = 0; k < len; k++) {
        unsigned char ch = v[k];
        if (!((ch >= '0' && ch <= '9') || ch == '-')) dashes = 0;
        if (!((ch >= '0' && ch <= '9') || strchr("+-._:eEoOxXbBabcdefABCDEF", ch) != NULL)) numberish = 0;
    }
    /* digits and dashes after a digit (2023-07-01, 0755-1234567): text to every reading */
    if (dashes && first >= '0' && first <= '9') return text(p, a, b, 0);
    if (numberish) REFUSE(p);  /* 1.5, 1e3, 0x1F, 1_000, 1:30 …: the other loaders decide and say so */
    return text(p, a, b, 0);
}

/* After a quoted scalar or a flow sequence that ended before ``at``: only spaces and a comment may follow. */
static int rest_is_blank(const P *p, Py_ssize_t at) {
    Py_ssize_t k = at;
    while (k < p->le && p->s[k] == ' ') k++;
    return k == p->le || (p->s[k] == '#' && k > at);
}

/* A quoted scalar starting at ``at`` (its quote); *end is set past the closing quote. */
static PyObject *quoted(P *p, Py_ssize_t at, Py_ssize_t *end) {
    const unsigned char *s = p->s;
    unsigned char q = s[at];
    Py_ssize_t k = at + 1;
    int doubled = 0;
    for (;;) {
        if (k >= p->le) REFUSE(p);  /* over several lines */
        if (q == '"' && s[k] == '\\') REFUSE(p);
        if (s[k] == q) {
            if (q == '\'' && k + 1 < p->le && s[k + 1] == '\'') { doubled = 1; k += 2; continue; }
            break;
        }
        k++;
    }
    *end = k + 1;
    if (!doubled) return text(p, at + 1, k, 0);
    PyObject *raw = PyUnicode_DecodeUTF8((const char *)s + at + 1, k - at - 1, "strict");
    if (raw == NULL) return NULL;
    PyObject *two = PyUnicode_FromString("''"), *one = PyUnicode_FromString("'");
    PyObject *out = (two && one) ? PyUnicode_Replace(raw, two, one, -1) : NULL;
    Py_XDECREF(two); Py_XDECREF(one); Py_DECREF(raw);
    return out;
}

static int indicator(unsigned char ch) {
    return strchr("-?:,[]{}#&*!|>'\"%@`", ch) != NULL;
}

/* One scalar of a flow collection at ``*at``; *at is set past it. */
static PyObject *flow_scalar(P *p, Py_ssize_t *at) {
    const unsigned char *s = p->s;
    Py_ssize_t k = *at;
    if (s[k] == '\'' || s[k] == '"') return quoted(p, k, at);
    if (indicator(s[k])) REFUSE(p);
    Py_ssize_t a = k;
    while (k < p->le && s[k] != ',' && s[k] != ']' && s[k] != '}') {
        if (strchr("[{:#", s[k]) != NULL) REFUSE(p);
        k++;
    }
    *at = k;
    while (k > a && s[k - 1] == ' ') k--;
    if (k == a) REFUSE(p);
    return plain(p, a, k);
}

/* [a, 'b', "c"] and {law: a, doc_number: 'b'} of scalars, on one line; [] and {} too. */
static PyObject *flow(P *p, Py_ssize_t at, Py_ssize_t *end) {
    const unsigned char *s = p->s;
    int map = s[at] == '{';
    unsigned char close = map ? '}' : ']';
    PyObject *out = map ? PyDict_New() : PyList_New(0);
    if (out == NULL) return NULL;
    PyObject *marks = NULL;
    if (p->marks != NULL && (marks = remember(p, out, at, map)) == NULL) goto fail;
    Py_ssize_t k = at + 1;
    while (k < p->le && s[k] == ' ') k++;
    if (k < p->le && s[k] == close) { *end = k + 1; return out; }
    for (;;) {
        while (k < p->le && s[k] == ' ') k++;
        if (k >= p->le) goto refuse;
        PyObject *name = NULL;
        if (map) {
            Py_ssize_t colon = key_end(p, k);
            if (colon < 0 || colon + 1 >= p->le) goto refuse;  /* "name: " inside the braces */
            name = text(p, k, colon, 1);
            if (name == NULL) goto fail;
            if (marks != NULL && mark_at(p, marks, name, k) < 0) { Py_DECREF(name); goto fail; }
            int seen = PyDict_Contains(out, name);
            if (seen != 0) { Py_DECREF(name); if (seen > 0) goto refuse; goto fail; }
            k = colon + 2;
            while (k < p->le && s[k] == ' ') k++;
            if (k >= p->le) { Py_DECREF(name); goto refuse; }
        } else if (marks != NULL && mark_at(p, marks, NULL, k) < 0) goto fail;
        PyObject *item = flow_scalar(p, &k);
        if (item == NULL) { Py_XDECREF(name); goto fail; }
        int bad = map ? PyDict_SetItem(out, name, item) : PyList_Append(out, item);
        Py_XDECREF(name);
        Py_DECREF(item);
        if (bad) goto fail;
        while (k < p->le && s[k] == ' ') k++;
        if (k >= p->le) goto refuse;
        if (s[k] == close) { *end = k + 1; return out; }
        if (s[k] != ',') goto refuse;
        k++;
        while (k < p->le && s[k] == ' ') k++;
        if (k < p->le && (s[k] == ']' || s[k] == '}')) goto refuse;  /* [a, ]: leave it to libyaml */
    }
refuse:
    p->refused = 1;
fail:
    Py_DECREF(out);
    return NULL;
}

/* The value that starts at ``at`` on the current line and ends with it. */
static PyObject *inline_value(P *p, Py_ssize_t at) {
    const unsigned char *s = p->s;
    unsigned char first = s[at];
    PyObject *out;
    Py_ssize_t end;
    if (first == '"' || first == '\'') out = quoted(p, at, &end);
    else if (first == '[' || first == '{') out = flow(p, at, &end);
    else {
        if (indicator(first)) REFUSE(p);
        Py_ssize_t k = at;
        while (k < p->le) {
            if (s[k] == ':' && (k + 1 == p->le || s[k + 1] == ' ')) REFUSE(p);
            if (s[k] == '#' && s[k - 1] == ' ') break;
            k++;
        }
        while (k > at && s[k - 1] == ' ') k--;
        return plain(p, at, k);
    }
    if (out != NULL && !rest_is_blank(p, end)) {
        Py_DECREF(out);
        REFUSE(p);
    }
    return out;
}

static PyObject *node(P *p);
static PyObject *sequence(P *p, Py_ssize_t indent);

/* After "key:" with nothing more on the line: the node on the lines below (more indented, or a sequence at the
   key's indentation), or None. */
static PyObject *below(P *p, Py_ssize_t indent) {
    advance(p);
    if (!p->eof && p->ind > indent) return node(p);
    if (!p->eof && p->ind == indent && is_dash(p, p->c)) return sequence(p, indent);
    Py_RETURN_NONE;
}

/* A block mapping whose first key starts at ``at`` on the current line, at column ``indent``. */
static PyObject *mapping(P *p, Py_ssize_t indent, Py_ssize_t at) {
    if (++p->depth > MAX_DEPTH) REFUSE(p);
    PyObject *dict = PyDict_New();
    if (dict == NULL) return NULL;
    PyObject *keys = NULL;
    if (p->marks != NULL && (keys = remember(p, dict, at, 1)) == NULL) goto fail;
    for (;;) {
        Py_ssize_t colon = key_end(p, at);
        if (colon < 0) goto refuse;
        PyObject *k = text(p, at, colon, 1);
        if (k == NULL) goto fail;
        if (keys != NULL && mark_at(p, keys, k, at) < 0) { Py_DECREF(k); goto fail; }
        int seen = PyDict_Contains(dict, k);
        if (seen != 0) { Py_DECREF(k); if (seen > 0) goto refuse; goto fail; }
        Py_ssize_t v = colon + 1;
        while (v < p->le && p->s[v] == ' ') v++;
        PyObject *value;
        if (v == p->le || p->s[v] == '#') value = below(p, indent);
        else {
            value = inline_value(p, v);
            if (value != NULL) advance(p);
        }
        if (value == NULL) { Py_DECREF(k); goto fail; }
        int bad = PyDict_SetItem(dict, k, value);
        Py_DECREF(k); Py_DECREF(value);
        if (bad) goto fail;
        if (p->eof || p->ind < indent) break;
        if (p->ind > indent) goto refuse;
        at = p->c;
    }
    p->depth--;
    return dict;
refuse:
    p->refused = 1;
fail:
    Py_DECREF(dict);
    return NULL;
}

/* A block sequence whose first "-" is the current line's content, at column ``indent``. */
static PyObject *sequence(P *p, Py_ssize_t indent) {
    if (++p->depth > MAX_DEPTH) REFUSE(p);
    PyObject *list = PyList_New(0);
    if (list == NULL) return NULL;
    PyObject *elems = NULL;
    if (p->marks != NULL && (elems = remember(p, list, p->c, 0)) == NULL) goto fail;
    for (;;) {
        Py_ssize_t v = p->c + 1;
        while (v < p->le && p->s[v] == ' ') v++;
        PyObject *item;
        if (v == p->le || p->s[v] == '#') {
            advance(p);
            /* "-" with nothing (None, which libyaml places after the dash): refused with and without positions, so
               that both take the same texts (the fuzz found "a:\n-\n" taken only without them, 2026-12-04) */
            if (p->eof || p->ind <= indent) goto refuse;
            if (elems != NULL && mark_at(p, elems, NULL, p->c) < 0) goto fail;
            item = node(p);
        } else if (elems != NULL && mark_at(p, elems, NULL, v) < 0) goto fail;
        else if (is_dash(p, v)) goto refuse;  /* "- - a" */
        else if (key_end(p, v) >= 0) item = mapping(p, v - p->ls, v);
        else {
            item = inline_value(p, v);
            if (item != NULL) advance(p);
        }
        if (item == NULL) goto fail;
        int bad = PyList_Append(list, item);
        Py_DECREF(item);
        if (bad) goto fail;
        if (p->eof || p->ind < indent) break;
        if (p->ind > indent) goto refuse;
        if (!is_dash(p, p->c)) break;  /* the mapping this sequence is a value of goes on */
    }
    p->depth--;
    return list;
refuse:
    p->refused = 1;
fail:
    Py_DECREF(list);
    return NULL;
}

/* The node whose first line is the current one. */
static PyObject *node(P *p) {
    if (is_dash(p, p->c)) return sequence(p, p->ind);
    if (key_end(p, p->c) >= 0) return mapping(p, p->ind, p->c);
    REFUSE(p);
}

/* Valid UTF-8 without the characters libyaml refuses or reads as a line break, tabs and carriage returns. */
static int clean(const unsigned char *s, Py_ssize_t n) {
    Py_ssize_t i = 0;
    while (i < n) {
        unsigned char ch = s[i];
        if (ch < 0x80) {
            if ((ch < 0x20 && ch != '\n') || ch == 0x7f) return 0;
            i++;
            continue;
        }
        Py_ssize_t len;
        unsigned char lo = 0x80, hi = 0xbf;  /* the second byte's range */
        if (ch >= 0xc2 && ch <= 0xdf) len = 2;
        else if (ch >= 0xe0 && ch <= 0xef) {
            len = 3;
            if (ch == 0xe0) lo = 0xa0;
            if (ch == 0xed) hi = 0x9f;  /* no surrogates */
        } else if (ch >= 0xf0 && ch <= 0xf4) {
            len = 4;
            if (ch == 0xf0) lo = 0x90;
            if (ch == 0xf4) hi = 0x8f;
        } else return 0;
        if (i + len > n || s[i + 1] < lo || s[i + 1] > hi) return 0;
        for (Py_ssize_t k = 2; k < len; k++)
            if ((s[i + k] & 0xc0) != 0x80) return 0;
        if (ch == 0xc2 && s[i + 1] < 0xa0) return 0;  /* C1 controls, NEL */
        if (ch == 0xe2 && s[i + 1] == 0x80 && (s[i + 2] == 0xa8 || s[i + 2] == 0xa9)) return 0;  /* LS, PS */
        if (ch == 0xef && s[i + 1] == 0xbb && s[i + 2] == 0xbf) return 0;  /* BOM */
        if (ch == 0xef && s[i + 1] == 0xbf && (s[i + 2] == 0xbe || s[i + 2] == 0xbf)) return 0;
        i += len;
    }
    return 1;
}

static PyObject *loads(PyObject *self, PyObject *args) {
    (void)self;
    PyObject *arg;
    int positions = 0;
    if (!PyArg_ParseTuple(args, "O|p:loads", &arg, &positions)) return NULL;
    Py_ssize_t n;
    const char *s;
    if (PyBytes_Check(arg)) {  /* a file's bytes: UTF-8, perhaps with a BOM (checked below) */
        s = PyBytes_AS_STRING(arg);
        n = PyBytes_GET_SIZE(arg);
        if (n >= 3 && memcmp(s, "\xef\xbb\xbf", 3) == 0) { s += 3; n -= 3; }
    } else if (PyUnicode_Check(arg)) {
        s = PyUnicode_AsUTF8AndSize(arg, &n);
        if (s == NULL) {  /* lone surrogates: not text libyaml would take */
            PyErr_Clear();
            Py_RETURN_NONE;
        }
    } else {
        PyErr_SetString(PyExc_TypeError, "loads() takes str or bytes");
        return NULL;
    }
    if (!clean((const unsigned char *)s, n)) Py_RETURN_NONE;
    Slot *cache = PyMem_Calloc(CACHE_SIZE, sizeof(Slot));
    if (cache == NULL) return PyErr_NoMemory();
    P p;
    memset(&p, 0, sizeof p);
    p.s = (const unsigned char *)s;
    p.n = n;
    p.cache = cache;
    PyObject *out = NULL;
    if (positions && ((p.marks = PyDict_New()) == NULL || (p.seqs = PyDict_New()) == NULL)) goto done;
    advance(&p);
    if (!p.eof && p.ind == 0 && key_end(&p, p.c) >= 0) {
        out = mapping(&p, 0, p.c);
        if (out != NULL && !p.eof) {  /* cannot happen: a mapping at column 0 ends with the text */
            Py_DECREF(out);
            out = NULL;
            p.refused = 1;
        }
    } else {
        p.refused = 1;
    }
    if (out != NULL && positions) {
        PyObject *all = PyTuple_Pack(3, out, p.marks, p.seqs);
        Py_DECREF(out);
        out = all;
    }
done:
    for (int i = 0; i < CACHE_SIZE; i++) Py_XDECREF(cache[i].obj);
    PyMem_Free(cache);
    Py_XDECREF(p.marks);
    Py_XDECREF(p.seqs);
    if (out == NULL) {
        if (!p.refused) return NULL;
        PyErr_Clear();
        Py_RETURN_NONE;
    }
    return out;
}

static PyMethodDef METHODS[] = {
    {"loads", loads, METH_VARARGS,
     "loads(text, positions=False): the data of a list file (str, or its UTF-8 bytes) written in plain block YAML,\n"
     "or None (see the module); with positions (data, marks, seq_marks) as qingdan.load.Parsed keeps them."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef MODULE = {PyModuleDef_HEAD_INIT, "_fastyaml", NULL, -1, METHODS, NULL, NULL, NULL, NULL};

PyMODINIT_FUNC PyInit__fastyaml(void) { return PyModule_Create(&MODULE); }
