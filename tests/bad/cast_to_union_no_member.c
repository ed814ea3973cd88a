// expect: 4:12: error: cast to union type from type not present in union
union num { int i; double d; };
union num from_pointer(int *p) {
    return (union num)p;
}
