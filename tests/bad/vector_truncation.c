// expect: 4:14: error: conversion of scalar 'long' to vector '__vector(4) int' involves truncation
typedef int v4si __attribute__((vector_size(16)));
v4si add(v4si v, long n) {
    return v + n;
}
