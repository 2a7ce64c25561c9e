package analyze

// Exported for tests.
var (
	DeclaredParams = declaredParams
	ParamRE        = paramRE
)
