package alicloud

import (
	"io"
	"mime"
	"net/http"
	"net/url"
	"strconv"
)

// maxBodyBytes bounds how much of a request body the fake reads. The SDK
// sends every parameter in the query string; a form body is only accepted
// for robustness, and no legitimate one comes near this size.
const maxBodyBytes = 1 << 20

// params are the request parameters: the URL query, followed by the fields
// of an application/x-www-form-urlencoded body if there is one. Where a name
// repeats, the first value counts.
type params struct {
	values url.Values
}

// readBody returns the raw request body, which ACS3 signatures hash.
func readBody(r *http.Request) ([]byte, error) {
	if r.Body == nil {
		return nil, nil
	}
	body, err := io.ReadAll(io.LimitReader(r.Body, maxBodyBytes+1))
	if err != nil {
		return nil, err
	}
	if len(body) > maxBodyBytes {
		return nil, errBodyTooLarge()
	}
	return body, nil
}

func parseParams(r *http.Request, body []byte) (params, error) {
	values, err := url.ParseQuery(r.URL.RawQuery)
	if err != nil {
		return params{}, errInvalidParameter("query string")
	}
	if !isFormBody(r) {
		return params{values}, nil
	}
	form, err := url.ParseQuery(string(body))
	if err != nil {
		return params{}, errInvalidParameter("request body")
	}
	for name, vs := range form {
		values[name] = append(values[name], vs...)
	}
	return params{values}, nil
}

func isFormBody(r *http.Request) bool {
	mediaType, _, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	return err == nil && mediaType == "application/x-www-form-urlencoded"
}

func (p params) get(name string) string { return p.values.Get(name) }

func (p params) has(name string) bool { return p.values.Has(name) }

// required returns a parameter that must be present and non-empty.
func (p params) required(name string) (string, error) {
	v := p.get(name)
	if v == "" {
		return "", errMissingParameter(name)
	}
	return v, nil
}

// int64Param returns an integer parameter, or def when it is absent or
// empty. A value that is not an integer is reported as invalid.
func (p params) int64Param(name string, def int64) (int64, error) {
	v := p.get(name)
	if v == "" {
		return def, nil
	}
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil {
		return 0, errInvalidParameter(name)
	}
	return n, nil
}

// boolParam returns a boolean parameter, false when it is absent or empty:
// every boolean the actions take defaults to false.
func (p params) boolParam(name string) (bool, error) {
	v := p.get(name)
	if v == "" {
		return false, nil
	}
	b, err := strconv.ParseBool(v)
	if err != nil {
		return false, errInvalidParameter(name)
	}
	return b, nil
}
