// expect: 2:9: error: empty character constant
int c = '';
