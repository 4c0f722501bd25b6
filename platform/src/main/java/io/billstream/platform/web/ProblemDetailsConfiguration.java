package io.billstream.platform.web;

import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

@Configuration(proxyBeanMethods = false)
@Import({ProblemDetailsAdvice.class, ProblemErrorController.class})
public class ProblemDetailsConfiguration {}
