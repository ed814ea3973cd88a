#define FROM_HEADER 9
