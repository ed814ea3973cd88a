// expect: 4:10: error: 'y' undeclared
int main(void)
{
	int x = y;
	return x;
}
