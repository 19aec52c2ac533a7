package dev.gatehouse.audit;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A stored audit event (table {@code audit_event}); type and outcome hold the wire names. */
@Entity
@Table(name = "audit_event")
public class AuditRow {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    public Instant at;

    public String type;

    public String outcome;

    @Column(name = "user_id")
    public String userId;

    @Column(name = "client_id")
    public String clientId;

    public String ip;

    @Column(name = "user_agent")
    public String userAgent;

    @Column(name = "request_id")
    public String requestId;

    public String detail;
}
