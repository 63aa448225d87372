/* qingdan._fastrows: the columns of a list's items, in C (qingdan/document.py builds its entries from them).

   texts(rows, keys) -> one list per key: row.get(key) of every row (a dict), None where it is missing or None,
   otherwise the value as interned text: str(value) for what is not exactly a str. As the comprehension
   [None if (v := row.get(k)) is None else intern(v if v.__class__ is str else str(v)) for row in rows].

   filled(rows, keys) -> one int per row: bit i set when row.get(keys[i]) has content: a str that is not blank
   (str.strip() leaves something), a non-empty list or dict, any other value but None. As
   document._filled (a str subclass counts as "any other value").

   Both take the rows as they are; they raise TypeError when a row is not a dict or a key not a str.

   made(cls, rows, width) -> a tuple of cls instances, one per row: cls a subclass of tuple whose instances have no
   __dict__ (a NamedTuple such as Entry), each row a tuple of exactly width items. As tuple(map(cls._make, rows)),
   which qingdan/cache.py does where this is not built; TypeError for anything else.

   made(cls, rows, width, shared, fields): the same, with objects shared between rows. fields = (by, empty, f, g ...):
   a row whose row[empty] is () is looked up in the dict ``shared`` by row[by]; the first such row leaves there
   (row[f], row[g] ...), and a later one whose row[f], row[g] ... are equal to those takes those objects instead of
   its own (a province's names, their keys and derived keys: the same duty in every community's list, decoded
   once per file, kept once). A row that differs keeps its own. */

#define PY_SSIZE_T_CLEAN
#include <Python.h>

static int check(PyObject *rows, PyObject *keys) {
    if (!PyList_Check(rows) || !PyTuple_Check(keys)) {
        PyErr_SetString(PyExc_TypeError, "rows must be a list and keys a tuple");
        return -1;
    }
    for (Py_ssize_t i = 0; i < PyList_GET_SIZE(rows); i++) {
        if (!PyDict_Check(PyList_GET_ITEM(rows, i))) {
            PyErr_SetString(PyExc_TypeError, "every row must be a dict");
            return -1;
        }
    }
    for (Py_ssize_t k = 0; k < PyTuple_GET_SIZE(keys); k++) {
        if (!PyUnicode_CheckExact(PyTuple_GET_ITEM(keys, k))) {
            PyErr_SetString(PyExc_TypeError, "every key must be a str");
            return -1;
        }
    }
    return 0;
}

/* row.get(key) as a borrowed reference, NULL when missing; -1 in *error on an error. */
static PyObject *get(PyObject *row, PyObject *key, int *error) {
    PyObject *v = PyDict_GetItemWithError(row, key);
    if (v == NULL && PyErr_Occurred()) *error = 1;
    return v;
}

static PyObject *texts(PyObject *Py_UNUSED(self), PyObject *args) {
    PyObject *rows, *keys;
    if (!PyArg_ParseTuple(args, "OO:texts", &rows, &keys) || check(rows, keys) < 0) return NULL;
    Py_ssize_t n = PyList_GET_SIZE(rows), width = PyTuple_GET_SIZE(keys);
    PyObject *out = PyList_New(width);
    if (out == NULL) return NULL;
    for (Py_ssize_t k = 0; k < width; k++) {
        PyObject *key = PyTuple_GET_ITEM(keys, k), *column = PyList_New(n);
        if (column == NULL) goto fail;
        PyList_SET_ITEM(out, k, column);
        for (Py_ssize_t i = 0; i < n; i++) {
            int error = 0;
            PyObject *v = get(PyList_GET_ITEM(rows, i), key, &error), *text;
            if (error) goto fail;
            if (v == NULL || v == Py_None) {
                text = Py_NewRef(Py_None);
            } else {
                text = PyUnicode_CheckExact(v) ? Py_NewRef(v) : PyObject_Str(v);
                if (text == NULL) goto fail;
                PyUnicode_InternInPlace(&text);
            }
            PyList_SET_ITEM(column, i, text);
        }
    }
    return out;
fail:
    Py_DECREF(out);
    return NULL;
}

static int has_content(PyObject *v) {
    if (PyUnicode_CheckExact(v)) {
        int kind = PyUnicode_KIND(v);
        const void *data = PyUnicode_DATA(v);
        for (Py_ssize_t c = 0; c < PyUnicode_GET_LENGTH(v); c++) {
            if (!Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, c))) return 1;
        }
        return 0;
    }
    if (PyList_Check(v)) return PyList_GET_SIZE(v) > 0;
    if (PyDict_Check(v)) return PyDict_GET_SIZE(v) > 0;
    return v != Py_None;
}

static PyObject *filled(PyObject *Py_UNUSED(self), PyObject *args) {
    PyObject *rows, *keys;
    if (!PyArg_ParseTuple(args, "OO:filled", &rows, &keys) || check(rows, keys) < 0) return NULL;
    Py_ssize_t n = PyList_GET_SIZE(rows), width = PyTuple_GET_SIZE(keys);
    if (width > 62) {
        PyErr_SetString(PyExc_ValueError, "at most 62 keys");
        return NULL;
    }
    PyObject *out = PyList_New(n);
    if (out == NULL) return NULL;
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *row = PyList_GET_ITEM(rows, i);
        long long bits = 0;
        for (Py_ssize_t k = 0; k < width; k++) {
            int error = 0;
            PyObject *v = get(row, PyTuple_GET_ITEM(keys, k), &error);
            if (error) {
                Py_DECREF(out);
                return NULL;
            }
            if (v != NULL && has_content(v)) bits |= 1LL << k;
        }
        PyObject *number = PyLong_FromLongLong(bits);
        if (number == NULL) {
            Py_DECREF(out);
            return NULL;
        }
        PyList_SET_ITEM(out, i, number);
    }
    return out;
}

/* Whether ``row`` takes the objects kept in ``shared`` for rows like it
   (see the top): 1 when it does, 0 when it keeps its own, -1 on error. */
static int kept_for(PyObject *row, PyObject *shared, PyObject *fields, PyObject **kept) {
    Py_ssize_t nf = PyTuple_GET_SIZE(fields);
    PyObject *none = PyTuple_GET_ITEM(row, PyLong_AsSsize_t(PyTuple_GET_ITEM(fields, 1)));
    PyObject *name = PyTuple_GET_ITEM(row, PyLong_AsSsize_t(PyTuple_GET_ITEM(fields, 0)));
    if (!PyTuple_Check(none) || PyTuple_GET_SIZE(none) != 0 || !PyUnicode_CheckExact(name)) return 0;
    *kept = PyDict_GetItemWithError(shared, name);
    if (*kept == NULL) {
        if (PyErr_Occurred()) return -1;
        PyObject *mine = PyTuple_New(nf - 2);
        if (mine == NULL) return -1;
        for (Py_ssize_t k = 2; k < nf; k++)
            PyTuple_SET_ITEM(mine, k - 2, Py_NewRef(PyTuple_GET_ITEM(row, PyLong_AsSsize_t(PyTuple_GET_ITEM(fields, k)))));
        int bad = PyDict_SetItem(shared, name, mine);
        Py_DECREF(mine);
        return bad ? -1 : 0;
    }
    for (Py_ssize_t k = 2; k < nf; k++) {
        PyObject *own = PyTuple_GET_ITEM(row, PyLong_AsSsize_t(PyTuple_GET_ITEM(fields, k)));
        int same = PyObject_RichCompareBool(own, PyTuple_GET_ITEM(*kept, k - 2), Py_EQ);
        if (same <= 0) return same;
    }
    return 1;
}

/* An instance of ``type`` (a tuple subclass) with ``row``'s items, those of ``kept`` (if not NULL) at the fields. */
static PyObject *entry_of(PyTypeObject *type, PyObject *row, PyObject *kept, PyObject *fields) {
    Py_ssize_t width = PyTuple_GET_SIZE(row);
    PyObject *one = type->tp_alloc(type, width);
    if (one == NULL) return NULL;
    for (Py_ssize_t j = 0; j < width; j++) PyTuple_SET_ITEM(one, j, Py_NewRef(PyTuple_GET_ITEM(row, j)));
    if (kept != NULL) {
        for (Py_ssize_t k = 2; k < PyTuple_GET_SIZE(fields); k++)
            Py_SETREF(((PyTupleObject *)one)->ob_item[PyLong_AsSsize_t(PyTuple_GET_ITEM(fields, k))],
                      Py_NewRef(PyTuple_GET_ITEM(kept, k - 2)));
    }
    return one;
}

static PyObject *made(PyObject *self, PyObject *args) {
    PyObject *cls, *rows, *shared = NULL, *fields = NULL;
    Py_ssize_t width;
    (void)self;
    if (!PyArg_ParseTuple(args, "OO!n|O!O!:made", &cls, &PyList_Type, &rows, &width, &PyDict_Type, &shared,
                          &PyTuple_Type, &fields))
        return NULL;
    if (!PyType_Check(cls) || cls == (PyObject *)&PyTuple_Type ||
        !PyType_IsSubtype((PyTypeObject *)cls, &PyTuple_Type) || ((PyTypeObject *)cls)->tp_dictoffset != 0) {
        PyErr_SetString(PyExc_TypeError, "cls must be a subclass of tuple without __dict__");
        return NULL;
    }
    if (shared != NULL) {
        int ok = fields != NULL && PyTuple_GET_SIZE(fields) >= 2;
        for (Py_ssize_t k = 0; ok && k < PyTuple_GET_SIZE(fields); k++) {
            PyObject *f = PyTuple_GET_ITEM(fields, k);
            Py_ssize_t v = PyLong_Check(f) ? PyLong_AsSsize_t(f) : -1;
            ok = v >= 0 && v < width;
        }
        if (!ok) {
            PyErr_SetString(PyExc_ValueError, "fields must be (by, empty, ...) of indexes below width");
            return NULL;
        }
    }
    PyTypeObject *type = (PyTypeObject *)cls;
    Py_ssize_t n = PyList_GET_SIZE(rows);
    PyObject *out = PyTuple_New(n);
    if (out == NULL) return NULL;
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *row = PyList_GET_ITEM(rows, i), *kept = NULL;
        if (!PyTuple_Check(row) || PyTuple_GET_SIZE(row) != width) {
            PyErr_Format(PyExc_TypeError, "every row must be a tuple of %zd items", width);
            Py_DECREF(out);
            return NULL;
        }
        int share = shared != NULL ? kept_for(row, shared, fields, &kept) : 0;
        if (share < 0) {
            Py_DECREF(out);
            return NULL;
        }
        PyObject *one = entry_of(type, row, share ? kept : NULL, fields);
        if (one == NULL) {
            Py_DECREF(out);
            return NULL;
        }
        PyTuple_SET_ITEM(out, i, one);
    }
    return out;
}

static PyMethodDef METHODS[] = {
    {"made", made, METH_VARARGS,
     "made(cls, rows, width[, shared, fields]) -> tuple(map(cls._make, rows)) for a NamedTuple cls, sharing objects."},
    {"texts", texts, METH_VARARGS, "texts(rows, keys) -> one column of interned texts (or None) per key."},
    {"filled", filled, METH_VARARGS, "filled(rows, keys) -> per row, bit i set when keys[i] has content."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef MODULE = {PyModuleDef_HEAD_INIT, "_fastrows", NULL, -1, METHODS, NULL, NULL, NULL, NULL};

PyMODINIT_FUNC PyInit__fastrows(void) { return PyModule_Create(&MODULE); }
