// The document the service itself serves; its server URL (/api) makes "Try it out" call this service.
window.ui = SwaggerUIBundle({ url: "/api/v1/openapi.json", dom_id: "#swagger-ui", deepLinking: true });
