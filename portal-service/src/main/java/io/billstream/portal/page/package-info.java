/**
 * The portal's pages, server-rendered with Thymeleaf in the customer's language: for now the sign-in steps and the
 * signed-in landing page. Every page gets the portal's security headers; every form post must carry the page's CSRF
 * token.
 */
package io.billstream.portal.page;
