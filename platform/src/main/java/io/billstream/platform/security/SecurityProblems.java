package io.billstream.platform.security;

import io.billstream.platform.web.ProblemResponses;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

/** Missing, invalid and insufficient tokens answered as problem responses, with the RFC 6750 challenge. */
class SecurityProblems implements AuthenticationEntryPoint, AccessDeniedHandler {

    private final ProblemResponses problems;

    SecurityProblems(ProblemResponses problems) {
        this.problems = problems;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException failure)
            throws IOException {
        String detail = failure instanceof OAuth2AuthenticationException oauth
                        && oauth.getError().getDescription() != null
                ? oauth.getError().getDescription()
                : "A bearer token is required.";
        String challenge =
                failure instanceof OAuth2AuthenticationException ? "Bearer error=\"invalid_token\"" : "Bearer";
        response.setHeader("WWW-Authenticate", challenge);
        problems.write(request, response, HttpStatus.UNAUTHORIZED, "Unauthorized", detail);
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied)
            throws IOException {
        response.setHeader("WWW-Authenticate", "Bearer error=\"insufficient_scope\"");
        problems.write(request, response, HttpStatus.FORBIDDEN, "Forbidden", "The token does not allow this request.");
    }
}
