// expect: 2:5: error: 'while'
int while = 3;
