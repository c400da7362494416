// LAPACK's Fortran entry points as Debian's libopenblas ships them (no LAPACKE there). Every argument is
// passed by pointer; the trailing `size_t` arguments are the lengths of the character arguments, which
// gfortran-compiled LAPACK expects. Matrices are column-major.
#include <stddef.h>

void dsyevd_(const char *jobz, const char *uplo, const int *n, double *a, const int *lda, double *w,
             double *work, const int *lwork, int *iwork, const int *liwork, int *info,
             size_t jobz_len, size_t uplo_len);

void dgels_(const char *trans, const int *m, const int *n, const int *nrhs, double *a, const int *lda,
            double *b, const int *ldb, double *work, const int *lwork, int *info, size_t trans_len);
