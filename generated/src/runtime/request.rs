//! Requests and responses without I/O.
//!
//! A generated operation function returns a [`Request`]: method, path, encoded parameters and
//! the per-request options, everything needed to call Stripe, inspectable and testable without
//! a network. [`Request::parse_response`] turns a status and body into the typed response or an
//! [`Error`]. The [`crate::client`] carries requests over HTTP; any other HTTP stack can too.

use crate::error::{ApiError, DecodeError, Error};
use crate::runtime::form::{self, EncodeError};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use std::fmt;
use std::marker::PhantomData;
use std::time::Duration;

/// HTTP methods of Stripe's API.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Method {
    /// `GET`
    Get,
    /// `POST`
    Post,
    /// `DELETE`
    Delete,
}

impl Method {
    /// The method as sent.
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Delete => "DELETE",
        }
    }
}

/// Where an operation's parameters go.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParamsIn {
    /// The query string.
    Query,
    /// An `application/x-www-form-urlencoded` body.
    Form,
}

/// How many bytes of a body an error quotes.
const EXCERPT_LEN: usize = 200;

/// Why a request cannot be sent; kept until the request is inspected or sent, so that
/// building one never fails.
#[derive(Debug, Clone)]
enum Problem {
    Encode(EncodeError),
    PathParam(String),
}

impl Problem {
    fn to_error(&self) -> Error {
        match self {
            Problem::Encode(e) => Error::Encode(e.clone()),
            Problem::PathParam(message) => Error::Config(message.clone()),
        }
    }
}

/// One call of an operation, answering `T`.
pub struct Request<T> {
    method: Method,
    path: String,
    params_in: ParamsIn,
    params: Vec<(String, String)>,
    problem: Option<Problem>,
    stripe_account: Option<String>,
    idempotency_key: Option<String>,
    timeout: Option<Duration>,
    max_retries: Option<u32>,
    response: PhantomData<fn() -> T>,
}

impl<T> Clone for Request<T> {
    fn clone(&self) -> Self {
        Self {
            method: self.method,
            path: self.path.clone(),
            params_in: self.params_in,
            params: self.params.clone(),
            problem: self.problem.clone(),
            stripe_account: self.stripe_account.clone(),
            idempotency_key: self.idempotency_key.clone(),
            timeout: self.timeout,
            max_retries: self.max_retries,
            response: PhantomData,
        }
    }
}

impl<T> fmt::Debug for Request<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Request")
            .field("method", &self.method)
            .field("path", &self.path)
            .field("params_in", &self.params_in)
            .field("params", &self.params)
            .field("problem", &self.problem)
            .field("stripe_account", &self.stripe_account)
            .field("idempotency_key", &self.idempotency_key)
            .field("timeout", &self.timeout)
            .field("max_retries", &self.max_retries)
            .finish()
    }
}

impl<T> Request<T> {
    /// A request to `template` (`/v1/things/{thing}`) with its `{...}` placeholders filled,
    /// in order, by `path_args` (percent-encoded), and with `params` encoded now. A problem
    /// (an argument that is empty, `.` or `..`, which no encoding keeps from changing the
    /// path; parameters that do not encode) is reported when the request is inspected or
    /// sent: building never fails.
    pub fn new<P: Serialize + ?Sized>(
        method: Method,
        template: &str,
        path_args: &[&str],
        params_in: ParamsIn,
        params: &P,
    ) -> Self {
        let mut request = Self::without_params(method, template, path_args, params_in);
        match form::to_pairs(params) {
            Ok(pairs) => request.params = pairs,
            Err(e) => {
                request.problem.get_or_insert(Problem::Encode(e));
            }
        }
        request
    }

    /// A request without parameters; see [`Request::new`].
    pub fn without_params(
        method: Method,
        template: &str,
        path_args: &[&str],
        params_in: ParamsIn,
    ) -> Self {
        let (path, problem) = match fill_path(template, path_args) {
            Ok(path) => (path, None),
            Err(message) => (template.to_owned(), Some(Problem::PathParam(message))),
        };
        Self {
            method,
            path,
            params_in,
            params: Vec::new(),
            problem,
            stripe_account: None,
            idempotency_key: None,
            timeout: None,
            max_retries: None,
            response: PhantomData,
        }
    }

    /// Makes the request on behalf of a connected account (`Stripe-Account`).
    pub fn stripe_account(mut self, account: impl Into<String>) -> Self {
        self.stripe_account = Some(account.into());
        self
    }

    /// Sets the `Idempotency-Key`. Without one, the client makes one for each POST and sends
    /// the same key on every retry of that request.
    pub fn idempotency_key(mut self, key: impl Into<String>) -> Self {
        self.idempotency_key = Some(key.into());
        self
    }

    /// How long one attempt of this request may take, instead of the client's timeout (a
    /// request handler with a deadline of its own). Read by the clients; not sent.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = Some(timeout);
        self
    }

    /// How many times this request is retried, instead of the client's `max_retries` (0: sent
    /// once). Read by the clients; not sent.
    pub fn max_retries(mut self, retries: u32) -> Self {
        self.max_retries = Some(retries);
        self
    }

    /// Asks Stripe to expand these fields of the response (`expand[]`), after any the
    /// parameters already name.
    pub fn expand<I, S>(mut self, fields: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        let pairs = &mut self.params;
        let first = pairs
            .iter()
            .filter(|(k, _)| k.starts_with("expand["))
            .count();
        for (index, field) in (first..).zip(fields) {
            pairs.push((format!("expand[{index}]"), field.into()));
        }
        self
    }

    /// Sets one top-level parameter, replacing it if present (used to page through lists).
    pub fn set_param(&mut self, key: &str, value: impl Into<String>) {
        let value = value.into();
        match self.params.iter_mut().find(|(k, _)| k == key) {
            Some(pair) => pair.1 = value,
            None => self.params.push((key.to_owned(), value)),
        }
    }

    /// The HTTP method.
    pub fn method(&self) -> Method {
        self.method
    }

    /// The path, with path parameters percent-encoded
    /// (`/v1/billing_portal/configurations/bpc_123`).
    pub fn path(&self) -> Result<&str, Error> {
        self.check()?;
        Ok(&self.path)
    }

    /// Fails if the request cannot be sent (see [`Request::new`]).
    pub fn check(&self) -> Result<(), Error> {
        match &self.problem {
            Some(problem) => Err(problem.to_error()),
            None => Ok(()),
        }
    }

    /// Where the parameters go.
    pub fn params_in(&self) -> ParamsIn {
        self.params_in
    }

    /// The parameters as (key, value) pairs in bracket notation, before percent-encoding.
    pub fn params(&self) -> Result<&[(String, String)], Error> {
        self.check()?;
        Ok(&self.params)
    }

    /// The query string (without `?`), if the parameters go there and there are any.
    pub fn query(&self) -> Result<Option<String>, Error> {
        self.encoded(ParamsIn::Query)
    }

    /// The form body, if the parameters go there. A POST always has one, possibly empty.
    pub fn form_body(&self) -> Result<Option<String>, Error> {
        let body = self.encoded(ParamsIn::Form)?;
        Ok(match (body, self.params_in) {
            (None, ParamsIn::Form) => Some(String::new()),
            (body, _) => body,
        })
    }

    fn encoded(&self, place: ParamsIn) -> Result<Option<String>, Error> {
        let pairs = self.params()?;
        Ok((self.params_in == place && !pairs.is_empty()).then(|| form::encode_pairs(pairs)))
    }

    /// The headers this request needs besides the client's (authorization, version, user
    /// agent): `Content-Type` for a form, `Stripe-Account` and `Idempotency-Key` when set.
    /// Values that are not valid in a header (line breaks, control characters) are refused
    /// here, before anything is sent.
    pub fn headers(&self) -> Result<Vec<(&'static str, String)>, Error> {
        let mut headers = Vec::new();
        if self.params_in == ParamsIn::Form {
            headers.push((
                "Content-Type",
                "application/x-www-form-urlencoded".to_owned(),
            ));
        }
        if let Some(account) = &self.stripe_account {
            headers.push(("Stripe-Account", checked_header("Stripe-Account", account)?));
        }
        if let Some(key) = &self.idempotency_key {
            headers.push(("Idempotency-Key", checked_header("Idempotency-Key", key)?));
        }
        Ok(headers)
    }

    /// The idempotency key set on this request, if any.
    pub fn idempotency_key_value(&self) -> Option<&str> {
        self.idempotency_key.as_deref()
    }

    /// The timeout set on this request with [`Request::timeout`], if any.
    pub fn timeout_value(&self) -> Option<Duration> {
        self.timeout
    }

    /// The retries set on this request with [`Request::max_retries`], if any.
    pub fn max_retries_value(&self) -> Option<u32> {
        self.max_retries
    }
}

impl<T: DeserializeOwned> Request<T> {
    /// Reads a response: the typed value for a 2xx status, else Stripe's error object.
    /// `request_id` is the response's `Request-Id` header, kept in errors.
    pub fn parse_response(
        &self,
        status: u16,
        request_id: Option<&str>,
        body: &[u8],
    ) -> Result<T, Error> {
        parse_response(status, request_id, body)
    }
}

/// See [`Request::parse_response`].
pub fn parse_response<T: DeserializeOwned>(
    status: u16,
    request_id: Option<&str>,
    body: &[u8],
) -> Result<T, Error> {
    let request_id = request_id.map(str::to_owned);
    let decode_error = |path: String, message: String| {
        Error::Decode(Box::new(DecodeError {
            status,
            request_id: request_id.clone(),
            path,
            message,
            excerpt: excerpt(body),
        }))
    };
    if (200..300).contains(&status) {
        if body.iter().all(u8::is_ascii_whitespace) {
            return Err(decode_error(String::new(), "the body is empty".to_owned()));
        }
        let mut json = serde_json::Deserializer::from_slice(body);
        return serde_path_to_error::deserialize(&mut json).map_err(|e| {
            let path = e.path().to_string();
            let path = if path == "." { String::new() } else { path };
            let message = e.into_inner().to_string();
            let path = crate::runtime::events::object_path(&path, &message)
                .unwrap_or_else(|| path_of_missing_field(path, &message));
            decode_error(path, message)
        });
    }
    #[derive(Deserialize)]
    struct Envelope {
        error: WireError,
    }
    #[derive(Deserialize)]
    struct WireError {
        #[serde(rename = "type")]
        error_type: Option<String>,
        code: Option<String>,
        decline_code: Option<String>,
        message: Option<String>,
        param: Option<String>,
        doc_url: Option<String>,
    }
    match serde_json::from_slice::<Envelope>(body) {
        Ok(Envelope { error }) => Err(Error::Api(Box::new(ApiError {
            status,
            request_id,
            error_type: error.error_type.unwrap_or_else(|| "unknown".to_owned()),
            code: error.code,
            decline_code: error.decline_code,
            message: error.message,
            param: error.param,
            doc_url: error.doc_url,
        }))),
        Err(e) => Err(decode_error(
            String::new(),
            format!("the error response is not Stripe's error object ({e})"),
        )),
    }
}

/// serde reports a missing field at the object that lacks it; the caller wants the field's
/// own path (`features.invoice_history.enabled`, not `features.invoice_history`).
fn path_of_missing_field(path: String, message: &str) -> String {
    let field = message
        .strip_prefix("missing field `")
        .and_then(|rest| rest.split_once('`'))
        .map(|(field, _)| field);
    match field {
        Some(field) if path.is_empty() => field.to_owned(),
        Some(field) => format!("{path}.{field}"),
        None => path,
    }
}

/// Fills the `{...}` placeholders of a path template with encoded arguments.
fn fill_path(template: &str, args: &[&str]) -> Result<String, String> {
    let mut path = String::with_capacity(template.len() + 32);
    let mut args = args.iter();
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        let close = rest[open..]
            .find('}')
            .map(|c| open + c)
            .ok_or_else(|| format!("unclosed `{{` in path template {template}"))?;
        let name = &rest[open + 1..close];
        let value = args
            .next()
            .ok_or_else(|| format!("no value for path parameter `{name}` of {template}"))?;
        if value.is_empty() || *value == "." || *value == ".." {
            return Err(format!(
                "invalid path parameter `{name}`: {value:?} would change which endpoint is called"
            ));
        }
        path.push_str(&rest[..open]);
        path.push_str(&form::encode_path_segment(value));
        rest = &rest[close + 1..];
    }
    if args.next().is_some() {
        return Err(format!("more path parameters than {template} has"));
    }
    path.push_str(rest);
    Ok(path)
}

/// The start of a body, as text: at most [`EXCERPT_LEN`] bytes, cut at a character boundary.
pub(crate) fn excerpt(body: &[u8]) -> String {
    // A few bytes more than needed, so that a character cut by the slice is dropped whole
    // below instead of becoming U+FFFD.
    let head = &body[..body.len().min(EXCERPT_LEN + 4)];
    let mut text = String::from_utf8_lossy(head).into_owned();
    if body.len() > EXCERPT_LEN {
        let mut end = EXCERPT_LEN.min(text.len());
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        text.truncate(end);
        text.push('…');
    }
    text
}

/// A header value that arrives exactly as given: visible ASCII and inner spaces, nothing that
/// could end the header or start another, and no outer spaces (HTTP strips them).
pub(crate) fn checked_header(name: &str, value: &str) -> Result<String, Error> {
    let problem = if value.is_empty() {
        "it is empty"
    } else if !value.bytes().all(|b| b == b' ' || b.is_ascii_graphic()) {
        "only visible ASCII characters are allowed"
    } else if value.starts_with(' ') || value.ends_with(' ') {
        "leading and trailing spaces would be dropped on the way"
    } else {
        return Ok(value.to_owned());
    };
    Err(Error::Config(format!(
        "invalid {name} header value {value:?}: {problem}"
    )))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::operations::{create_session, list_configurations, retrieve_configuration};
    use crate::params::{
        CreateSessionParams, ListConfigurationsParams, RetrieveConfigurationParams,
    };

    #[test]
    fn builds_without_io() {
        let request = create_session(&CreateSessionParams {
            return_url: Some("https://example.com/a b".into()),
            ..CreateSessionParams::for_customer("cus_1")
        })
        .stripe_account("acct_1")
        .idempotency_key("key-1")
        .expand(["configuration"]);
        assert_eq!(request.method(), Method::Post);
        assert_eq!(request.path().unwrap(), "/v1/billing_portal/sessions");
        assert_eq!(request.query().unwrap(), None);
        assert_eq!(
            request.form_body().unwrap().unwrap(),
            "customer=cus_1&return_url=https%3A%2F%2Fexample.com%2Fa%20b&expand[0]=configuration"
        );
        assert_eq!(
            request.headers().unwrap(),
            [
                (
                    "Content-Type",
                    "application/x-www-form-urlencoded".to_owned()
                ),
                ("Stripe-Account", "acct_1".to_owned()),
                ("Idempotency-Key", "key-1".to_owned()),
            ]
        );
    }

    #[test]
    fn query_parameters_and_expand_continue_the_index() {
        let params = ListConfigurationsParams {
            limit: Some(3),
            expand: Some(vec!["data.application".into()]),
            ..ListConfigurationsParams::new()
        };
        let mut request = list_configurations(&params).expand(["data.features"]);
        request.set_param("starting_after", "bpc_9");
        assert_eq!(
            request.query().unwrap().unwrap(),
            "expand[0]=data.application&limit=3&expand[1]=data.features&starting_after=bpc_9"
        );
        assert_eq!(request.form_body().unwrap(), None);
        request.set_param("starting_after", "bpc_10");
        assert!(
            request
                .query()
                .unwrap()
                .unwrap()
                .ends_with("starting_after=bpc_10")
        );
    }

    #[test]
    fn path_ids_are_encoded_and_dot_segments_refused() {
        let params = RetrieveConfigurationParams::new();
        let request = retrieve_configuration("bpc_1/../x?y#z é", &params);
        assert_eq!(
            request.path().unwrap(),
            "/v1/billing_portal/configurations/bpc_1%2F..%2Fx%3Fy%23z%20%C3%A9"
        );
        for id in ["", ".", ".."] {
            let request = retrieve_configuration(id, &params);
            let err = request.path().unwrap_err().to_string();
            assert!(
                err.contains("invalid path parameter `configuration`"),
                "{err}"
            );
            assert!(request.query().is_err() && request.headers().is_ok());
        }
    }

    #[test]
    fn header_values_with_line_breaks_are_refused() {
        let request = create_session(&CreateSessionParams::for_customer("cus_1"))
            .stripe_account("acct_1\r\nX-Evil: 1");
        let err = request.headers().unwrap_err().to_string();
        assert!(err.contains("invalid Stripe-Account header value"), "{err}");
    }

    #[test]
    fn responses_decode_or_say_where_they_do_not() {
        let request = create_session(&CreateSessionParams::for_customer("cus_1"));
        let err = request
            .parse_response(200, Some("req_1"), br#"{"id": 5}"#)
            .unwrap_err();
        let Error::Decode(decode) = &err else {
            panic!("{err:?}")
        };
        assert_eq!((decode.status, decode.path.as_str()), (200, "id"));
        assert_eq!(decode.request_id.as_deref(), Some("req_1"));

        let body = br#"{"error": {"type": "invalid_request_error", "code": "resource_missing",
            "message": "No such customer", "param": "customer"}}"#;
        let err = request.parse_response(404, None, body).unwrap_err();
        let Error::Api(api) = &err else {
            panic!("{err:?}")
        };
        assert_eq!(api.status, 404);
        assert_eq!(api.code.as_deref(), Some("resource_missing"));
        assert_eq!(api.param.as_deref(), Some("customer"));

        let err = request
            .parse_response(502, None, b"<html>Bad gateway</html>")
            .unwrap_err();
        let Error::Decode(decode) = &err else {
            panic!("{err:?}")
        };
        assert_eq!(decode.excerpt, "<html>Bad gateway</html>");
    }
}
