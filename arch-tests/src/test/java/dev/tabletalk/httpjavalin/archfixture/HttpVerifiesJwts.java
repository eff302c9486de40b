package dev.tabletalk.httpjavalin.archfixture;

import com.nimbusds.jwt.SignedJWT;

/** Breaks R3: JWT verification outside the identity module. */
public class HttpVerifiesJwts {
    public SignedJWT token;
}
