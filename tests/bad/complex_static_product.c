// expect: 3:41: error: initializer element is not constant, or a complex constant memjit does not fold (it folds conversions, + and -, and * and / by a real)
/* gcc folds the product with correct rounding, which memjit does not */
static _Complex double z = (1.0 + 2.0i) * (3.0 - 1.0i);
